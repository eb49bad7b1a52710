package org.convlab.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one line on standard error and an exit status: a user of the command
 * line wants to know what to fix, not where in the code it was noticed. Set the environment
 * variable {@code CONVLAB_DEBUG} to also get the stack trace.
 */
final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String suggestion = "";
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                suggestion = " Did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        err.println(name + ": " + ex.getMessage() + "." + suggestion + " See '" + name + " --help'.");
        debug(ex, err);
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null || ex.getMessage().isBlank()
                ? "an internal error without a message (set CONVLAB_DEBUG=1 to see where)" : ex.getMessage();
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + message);
        debug(ex, err);
        err.flush();
        return ExitCodes.ERROR;
    }

    private static void debug(Exception ex, PrintWriter err) {
        if (System.getenv("CONVLAB_DEBUG") != null) {
            ex.printStackTrace(err);
        }
    }
}
