package org.convlab.cli.train;

/**
 * A command could not do its job, for a reason the user can fix; the message is the one line the
 * command line prints (the cause, if any, is shown only with {@code CONVLAB_DEBUG}).
 */
public final class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
