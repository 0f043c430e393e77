package dev.bgcopy.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A Windows command line split into arguments as {@code CommandLineToArgvW} splits it (shellapi.h), so that the
 * {@code Parameters} of {@code IBackgroundCopyJob2::SetNotifyCmdLine} reach a program on Linux and macOS as the
 * same argv they would on Windows (docs/contract.md §4.11 "Notify command line").
 *
 * <p>The first argument is the program's name and follows its own rule: up to the next quotation mark when it
 * starts with one, else up to the first space or tab; backslashes mean nothing in it. Every later argument is
 * split by the documented rules: space and tab outside quotes separate arguments; a quotation mark toggles the
 * quoted mode; 2n backslashes before a quotation mark give n backslashes and the mark toggles the mode, 2n+1
 * give n backslashes and a literal mark; backslashes before anything else stay as they are. Consecutive
 * quotation marks inside a quoted part follow what the function does beyond its page: every third mark of a run
 * (the opening one counted) is a literal mark, and a run ending after two marks closes the quoted part. Nothing
 * else is special: no variable is expanded, no {@code ;}, {@code $} or glob means anything.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    /**
     * The arguments of {@code commandLine}, the program's name first. An empty line has no arguments (the native
     * function would answer its own executable's path, which means nothing here); a line that starts with a space
     * has an empty first argument, as the page says.
     */
    static List<String> split(String commandLine) {
        List<String> arguments = new ArrayList<>();
        if (commandLine.isEmpty()) {
            return arguments;
        }
        int i = programNameEnd(commandLine, arguments);
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        int quotes = 0;
        int backslashes = 0;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if ((c == ' ' || c == '\t') && quotes == 0) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
                backslashes = 0;
                i++;
                continue;
            }
            inArgument = true;
            if (c == '\\') {
                current.append(c);
                backslashes++;
                i++;
            } else if (c == '"') {
                current.setLength(current.length() - backslashes / 2);
                if (backslashes % 2 == 1) {
                    current.setCharAt(current.length() - 1, '"');
                } else {
                    quotes++;
                }
                backslashes = 0;
                i++;
                while (i < commandLine.length() && commandLine.charAt(i) == '"') {
                    if (++quotes == 3) {
                        current.append('"');
                        quotes = 0;
                    }
                    i++;
                }
                if (quotes == 2) {
                    quotes = 0;
                }
            } else {
                current.append(c);
                backslashes = 0;
                i++;
            }
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        return arguments;
    }

    /** Adds the program's name (the first argument) and returns where the next argument may start. */
    private static int programNameEnd(String commandLine, List<String> arguments) {
        int i = 0;
        int start;
        int end;
        if (commandLine.charAt(0) == '"') {
            start = 1;
            end = commandLine.indexOf('"', 1);
            end = end < 0 ? commandLine.length() : end;
            i = Math.min(end + 1, commandLine.length());
        } else {
            start = 0;
            while (i < commandLine.length() && commandLine.charAt(i) != ' ' && commandLine.charAt(i) != '\t') {
                i++;
            }
            end = i;
        }
        arguments.add(commandLine.substring(start, end));
        return i;
    }
}
