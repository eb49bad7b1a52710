package org.convlab.cli.train;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.convlab.io.IoErrors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of the model commands ({@code train}, {@code summary}, {@code evaluate}, {@code export}):
 * whatever goes wrong reaches the command line's error handler as one line. A bad option value stays
 * a {@link ParameterException} (usage error); anything else becomes a {@link CommandFailure} whose
 * message has no line breaks, so that the user reads one sentence, never a stack trace.
 */
@Command
abstract class ModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The command's work; returns the exit status. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (ParameterException | CommandFailure e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new CommandFailure("no such file or directory: " + e.getFile(), e);
        } catch (FileAlreadyExistsException e) {
            // What Files.createDirectories reports when a file stands where a directory should be.
            throw new CommandFailure("cannot create a directory: " + e.getFile() + " is a file, not a directory", e);
        } catch (FileSystemException e) {
            throw new CommandFailure(e.getFile() + ": " + IoErrors.reason(e), e);
        } catch (Exception e) {
            throw new CommandFailure(oneLine(e), e);
        }
    }

    /** An error in the user's choice of options, reported as a usage error. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The exception's message with line breaks folded into spaces. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "an internal error without a message (set CONVLAB_DEBUG=1 to see where)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
