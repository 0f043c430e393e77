package dev.bgcopy.simulator;

import dev.bgcopy.api.BgNotifyCmdLine;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a job's notify command line, the program BITS starts with {@code CreateProcessAsUser} when the job reaches
 * TRANSFERRED or ERROR (docs/contract.md §4.11 "Notify command line (SIM)"), as a real child process of the
 * engine: as the engine's user, in the engine's working directory and environment, without a shell.
 *
 * <p>{@code Program} must be an absolute path: the page says the search path is not used, and a relative name
 * would otherwise be looked up in {@code PATH} by the platform. {@code Parameters} is split by the Windows rules
 * ({@link WindowsCommandLine}); its first argument is the program's name (the page asks for the program there)
 * and the others are passed as they are, so {@code $HOME}, {@code %PATH%}, {@code ;} or {@code *} reach the
 * program literally. Standard input is closed at once. Standard output and error are discarded: BITS gives the
 * program no console, and what a program prints may hold the tokens it was given, which the engine's log must
 * never carry. Only the job id, the program's path and the outcome are logged, never the parameters.
 */
final class NotifyProgram {

    private static final System.Logger LOG = System.getLogger(NotifyProgram.class.getPackageName());

    private NotifyProgram() {
    }

    /**
     * The argv the program gets: the program itself, then the arguments after the first of {@code Parameters}.
     *
     * @throws IllegalArgumentException when the program is not an absolute path
     */
    static List<String> command(BgNotifyCmdLine commandLine) {
        Path program;
        try {
            program = Path.of(commandLine.program());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("the program is not a path", e);
        }
        if (!program.isAbsolute()) {
            throw new IllegalArgumentException("the program is not an absolute path (no search path is used)");
        }
        List<String> command = new ArrayList<>();
        command.add(commandLine.program());
        List<String> arguments = WindowsCommandLine.split(commandLine.parameters());
        if (arguments.size() > 1) {
            command.addAll(arguments.subList(1, arguments.size()));
        }
        return command;
    }

    /**
     * Starts the program of job {@code jobId} and answers, once it has ended, whether it succeeded: exit code 0.
     * A program that cannot start answers false at once. Never throws: a failure is logged and only answered.
     */
    static CompletableFuture<Boolean> run(UUID jobId, BgNotifyCmdLine commandLine) {
        Process process;
        try {
            process = new ProcessBuilder(command(commandLine))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            // The message names the program at most (ProcessBuilder quotes its path), never the parameters.
            LOG.log(System.Logger.Level.WARNING, "job {0}: the notify program {1} cannot start: {2}", jobId,
                    commandLine.program(), e.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The program reads end of input either way: its side of the pipe is gone or closed.
        }
        return process.onExit().handle((ended, failure) -> {
            int exit = failure == null ? ended.exitValue() : -1;
            if (exit != 0) {
                LOG.log(System.Logger.Level.WARNING, "job {0}: the notify program {1} exited with {2}", jobId,
                        commandLine.program(), exit);
            }
            return exit == 0;
        });
    }
}
