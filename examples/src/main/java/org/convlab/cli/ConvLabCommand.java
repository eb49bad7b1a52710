package org.convlab.cli;

/** Placeholder entry point until the command line lands. */
public final class ConvLabCommand {
    public static void main(String[] args) {
        System.out.println("convlab");
    }
}
