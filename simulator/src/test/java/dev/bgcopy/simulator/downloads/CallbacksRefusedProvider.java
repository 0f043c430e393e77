package dev.bgcopy.simulator.downloads;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BackgroundCopyProvider;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyCallback;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator with every callback to its caller lost: it claims {@code CALLBACKS} like the simulator,
 * but {@code SetNotifyInterface} is refused ({@code E_ACCESSDENIED}, as a COM server refuses a callback
 * object it cannot call back into), so a caller learns of a job's end only by polling. It records when
 * each job it created reached TRANSFERRED, through a callback of its own on the simulator's job.
 * Registered for the simulator's tests only (test resources, {@code META-INF/services}).
 */
public final class CallbacksRefusedProvider implements BackgroundCopyProvider {

    /** Its name. */
    public static final String NAME = "test-callbacks-refused";
    /** How many callback registrations were refused. */
    static final AtomicInteger REFUSED = new AtomicInteger();
    /** When ({@link System#nanoTime()}) each job reached TRANSFERRED. */
    static final Map<UUID, Long> TRANSFERRED_AT = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        // After the simulator: Downloads.open(application) never picks it on its own.
        return Integer.MAX_VALUE;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public IBackgroundCopyManager open(Map<String, String> options) {
        IBackgroundCopyManager simulator = BackgroundCopy.open("simulator", options);
        return proxy(IBackgroundCopyManager.class, (self, method, args) -> {
            Object result = forward(simulator, method, args);
            if (result instanceof IBackgroundCopyJob job && method.getName().matches("createJob|getJob")) {
                return refusingCallbacks(job);
            }
            return result;
        });
    }

    private static IBackgroundCopyJob refusingCallbacks(IBackgroundCopyJob job) {
        UUID id = job.getId();
        job.setNotifyFlags(EnumSet.of(BgNotify.JOB_TRANSFERRED));
        job.setNotifyInterface(new IBackgroundCopyCallback() {
            @Override
            public HResult jobTransferred(IBackgroundCopyJob transferred) {
                TRANSFERRED_AT.putIfAbsent(id, System.nanoTime());
                return HResult.S_OK;
            }
        });
        return proxy(IBackgroundCopyJob.class, (self, method, args) -> {
            switch (method.getName()) {
                case "setNotifyInterface" -> {
                    REFUSED.incrementAndGet();
                    throw new BackgroundCopyException("IBackgroundCopyJob::SetNotifyInterface", HResult.E_ACCESSDENIED,
                            "callbacks refused by " + NAME);
                }
                // The caller's flags must not take the test's own callback away from JOB_TRANSFERRED.
                case "setNotifyFlags" -> {
                    return null;
                }
                default -> {
                    return forward(job, method, args);
                }
            }
        });
    }

    private static Object forward(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
