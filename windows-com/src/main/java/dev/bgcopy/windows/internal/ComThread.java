package dev.bgcopy.windows.internal;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The one thread that talks to COM objects: it joins the multithreaded apartment once
 * ({@code CoInitializeEx(COINIT_MULTITHREADED)} on Windows) and runs every call. Callers may be on any
 * thread, including one that its owner already made single-threaded (STA), where joining the MTA
 * would fail with {@code RPC_E_CHANGED_MODE}: their calls simply run here. A call made on this thread
 * runs inline instead of deadlocking on itself, and so does a call made while the current thread is
 * executing a method of one of our COM objects ({@link #inApartment}): such a thread is a COM worker
 * of the MTA (on Windows, the RPC thread delivering a callback), free to call any MTA pointer, and
 * handing its calls to this thread could deadlock when this thread is itself waiting for the service
 * that is calling back.
 */
public final class ComThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ComThread.class.getPackageName());

    private static final ThreadLocal<int[]> APARTMENT_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final ExecutorService executor;
    private final Runnable uninitializer;
    private volatile Thread thread;
    private volatile HResult initResult = HResult.S_OK;
    private volatile boolean mustUninitialize;

    /**
     * @param name the thread's name
     * @param initializer joins the apartment, returns its HRESULT ({@code S_FALSE}: already joined;
     *        {@code RPC_E_CHANGED_MODE}: initialised otherwise, usable but not ours to uninitialise)
     * @param uninitializer leaves the apartment when {@link #close()} runs, if joining succeeded
     */
    public ComThread(String name, IntSupplier initializer, Runnable uninitializer) {
        this.uninitializer = uninitializer;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        Future<?> started = executor.submit(() -> {
            thread = Thread.currentThread();
            HResult hr = HResult.of(initializer.getAsInt());
            mustUninitialize = hr.isSuccess();
            initResult = hr.equals(HResult.RPC_E_CHANGED_MODE) ? HResult.S_OK : hr;
            LOG.log(Level.DEBUG, () -> "COM thread " + name + " joined its apartment: " + hr);
        });
        await(started);
    }

    /** Whether the caller is this thread or a COM worker currently running one of our methods. */
    public boolean isCurrent() {
        return Thread.currentThread() == thread || APARTMENT_DEPTH.get()[0] > 0;
    }

    /** Runs {@code body} marked as a COM worker of the MTA (a method of one of our objects being served). */
    static <T> T inApartment(Callable<T> body) throws Exception {
        int[] depth = APARTMENT_DEPTH.get();
        depth[0]++;
        try {
            return body.call();
        } finally {
            depth[0]--;
        }
    }

    /**
     * Runs {@code task} on this thread and returns its result; its exceptions reach the caller unchanged.
     *
     * @throws BackgroundCopyException with the HRESULT of a failed apartment initialisation
     */
    public <T> T call(Callable<T> task) {
        if (initResult.isFailure()) {
            throw new BackgroundCopyException("CoInitializeEx", initResult, "the COM thread could not join the MTA");
        }
        if (isCurrent()) {
            return callInline(task);
        }
        return await(executor.submit(task));
    }

    /** Waits until every task submitted before this call has run. */
    public void drain() {
        call(() -> null);
    }

    private static <T> T callInline(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // A COM call cannot be abandoned half-way: finish it, then restore the flag.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Leaves the apartment (when this thread joined it) and stops the thread; idempotent. */
    @Override
    public void close() {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            if (mustUninitialize) {
                uninitializer.run();
            }
        });
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
