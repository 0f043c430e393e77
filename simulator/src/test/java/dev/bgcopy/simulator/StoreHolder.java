package dev.bgcopy.simulator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for the store-lock tests: opens the store named by its argument, says so on
 * stdout, and holds it until its stdin closes (or it is killed, which is the point of one test).
 */
public final class StoreHolder {

    private StoreHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (SqliteJobStore store = SqliteJobStore.open(Path.of(args[0]))) {
            System.out.println("holding " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin
            }
        }
    }
}
