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
import java.util.function.Supplier;

/**
 * Where the binding's calls into COM objects run. The binding holds every service pointer in the
 * process's multithreaded apartment (MTA), so a call runs on the calling thread itself when that thread
 * may call MTA pointers, and on this class's one thread otherwise:
 * <ul>
 *   <li><b>inline</b> on a thread in the MTA ({@link Apartment#mayCallMtaPointers()}): one that joined it
 *       ({@code CoInitializeEx(COINIT_MULTITHREADED)}) and one that never initialised COM, which is in the
 *       implicit MTA because the runtime keeps the MTA alive ({@code CoIncrementMTAUsage}). No thread
 *       switch: this is what most Java threads get;</li>
 *   <li><b>inline</b> on this class's thread, and while the current thread is executing a method of one
 *       of our COM objects ({@link #inApartment}): such a thread is a COM worker of the MTA (on Windows,
 *       the RPC thread delivering a callback), and handing its calls to this thread could deadlock when
 *       this thread is itself waiting for the service that is calling back;</li>
 *   <li><b>on this thread</b> (the hop) for a thread in a single-threaded apartment (STA) or the neutral
 *       apartment, and one whose apartment cannot be learnt: calling an MTA pointer there would be a
 *       call from the wrong apartment ({@code RPC_E_WRONG_THREAD}), and joining the MTA is impossible for
 *       an STA thread ({@code RPC_E_CHANGED_MODE}).</li>
 * </ul>
 * The apartment is asked ({@code CoGetApartmentType}) on every call of a thread that was in the MTA:
 * such a thread may enter an STA at any time (a thread in the implicit MTA never initialised COM, so any
 * code running on it may call {@code CoInitializeEx(COINIT_APARTMENTTHREADED)}), and a stale "MTA" would
 * make an STA thread call MTA pointers. The "STA" answer is cached per thread: the hop is right from any
 * apartment, so a thread that leaves its STA later only keeps paying for the hop.
 * This thread joins the MTA once and never leaves it before {@link #close()}.
 */
public final class ComThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ComThread.class.getPackageName());

    private static final ThreadLocal<int[]> APARTMENT_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final ExecutorService executor;
    private final Runnable uninitializer;
    private final Supplier<Apartment> callerApartment;
    private final ThreadLocal<Boolean> knownToHop = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile Thread thread;
    private volatile HResult initResult = HResult.S_OK;
    private volatile boolean mustUninitialize;

    /**
     * @param name the thread's name
     * @param initializer joins the apartment, returns its HRESULT ({@code S_FALSE}: already joined;
     *        {@code RPC_E_CHANGED_MODE}: initialised otherwise, usable but not ours to uninitialise)
     * @param uninitializer leaves the apartment when {@link #close()} runs, if joining succeeded
     * @param callerApartment the apartment of the calling thread ({@code CoGetApartmentType})
     */
    public ComThread(String name, IntSupplier initializer, Runnable uninitializer, Supplier<Apartment> callerApartment) {
        this.uninitializer = uninitializer;
        this.callerApartment = callerApartment;
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

    /** Whether the caller is this thread. */
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Whether a call made now runs on the calling thread (true) or hops to this thread (false): the
     * rules of the class comment.
     */
    public boolean runsInline() {
        if (Thread.currentThread() == thread || APARTMENT_DEPTH.get()[0] > 0) {
            return true;
        }
        if (knownToHop.get()) {
            return false;
        }
        Apartment apartment = callerApartment.get();
        if (apartment == Apartment.STA) {
            knownToHop.set(Boolean.TRUE);
        }
        return apartment.mayCallMtaPointers();
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
     * Runs {@code task} where the class comment says (inline or on this thread) and returns its result;
     * its exceptions reach the caller unchanged.
     *
     * @throws BackgroundCopyException with the HRESULT of a failed apartment initialisation
     */
    public <T> T call(Callable<T> task) {
        if (initResult.isFailure()) {
            throw new BackgroundCopyException("CoInitializeEx", initResult, "the COM thread could not join the MTA");
        }
        if (runsInline()) {
            return callInline(task);
        }
        return await(executor.submit(task));
    }

    /** Waits until every task handed to this thread before this call has run. */
    public void drain() {
        if (!isCurrent()) {
            await(executor.submit(() -> null));
        }
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
