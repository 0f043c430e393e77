package dev.bgcopy.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.HResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A COM object implemented in Java: one native interface pointer per {@link ComVtable} (the first is
 * its {@code IUnknown} identity), one reference count shared by all of them, and the Java object it
 * stands for. It starts with one reference, owned by whoever created it. While the count is above
 * zero the object is held by a global registry, so it, its target and its native memory stay strongly
 * reachable however long native code keeps the pointer; at zero it leaves the registry.
 *
 * <p>The registry also counts: {@link #liveCount()} objects alive, {@link #strayCalls()} calls that
 * arrived for an object already destroyed (an extra {@code Release} by a caller).
 */
public final class ComObject {

    private static final Map<Long, ComObject> LIVE = new ConcurrentHashMap<>();
    private static final AtomicLong CREATED = new AtomicLong();
    private static final AtomicLong DESTROYED = new AtomicLong();
    private static final AtomicLong STRAY = new AtomicLong();

    static final ComMethod QUERY_INTERFACE_METHOD = ComMethod.of("IUnknown::QueryInterface",
            (self, args) -> self.queryInterface((Pointer) args[0], (Pointer) args[1]), Pointer.class, Pointer.class);
    static final ComMethod ADD_REF_METHOD = ComMethod.of("IUnknown::AddRef", (self, args) -> self.addRef());
    static final ComMethod RELEASE_METHOD = ComMethod.of("IUnknown::Release", (self, args) -> self.release());

    private final Object target;
    private final List<ComVtable> vtables;
    private final List<Memory> interfaces;
    private final AtomicInteger references = new AtomicInteger(1);
    private final Runnable onFinalRelease;

    private ComObject(Object target, List<ComVtable> vtables, Runnable onFinalRelease) {
        this.target = target;
        this.vtables = List.copyOf(vtables);
        this.onFinalRelease = onFinalRelease;
        this.interfaces = new ArrayList<>(vtables.size());
        for (ComVtable vtable : vtables) {
            Memory instance = new Memory(Native.POINTER_SIZE);
            instance.setPointer(0, vtable.table());
            interfaces.add(instance);
        }
    }

    /**
     * A new object with one reference, owned by the caller.
     *
     * @param target the Java object the methods act on
     * @param vtables the interfaces it implements; the first is its identity
     * @param onFinalRelease runs once when the last reference goes (may be null)
     */
    public static ComObject create(Object target, List<ComVtable> vtables, Runnable onFinalRelease) {
        Objects.requireNonNull(target, "target");
        if (vtables.isEmpty()) {
            throw new IllegalArgumentException("a COM object implements at least one interface");
        }
        ComObject object = new ComObject(target, vtables, onFinalRelease);
        for (Memory instance : object.interfaces) {
            LIVE.put(Pointer.nativeValue(instance), object);
        }
        CREATED.incrementAndGet();
        return object;
    }

    /** The live object one of whose interface pointers is {@code p}, or null. */
    public static ComObject find(Pointer p) {
        return p == null ? null : LIVE.get(Pointer.nativeValue(p));
    }

    /** Objects created and not yet destroyed, in this process. */
    public static long liveCount() {
        return CREATED.get() - DESTROYED.get();
    }

    /** Calls that reached an object after its last Release. */
    public static long strayCalls() {
        return STRAY.get();
    }

    static void recordStrayCall() {
        STRAY.incrementAndGet();
    }

    /** The Java object behind this COM object. */
    public Object target() {
        return target;
    }

    /** The identity ({@code IUnknown}) pointer. */
    public Pointer pointer() {
        return interfaces.get(0);
    }

    /** The pointer for {@code iid}, or null when the object does not implement it (no reference taken). */
    public Pointer pointer(UUID iid) {
        if (Guids.IID_IUNKNOWN.equals(iid)) {
            return interfaces.get(0);
        }
        for (int i = 0; i < vtables.size(); i++) {
            if (vtables.get(i).answers(iid)) {
                return interfaces.get(i);
            }
        }
        return null;
    }

    /** The current reference count. */
    public int references() {
        return references.get();
    }

    /** {@code AddRef}: the new count. */
    public int addRef() {
        return references.incrementAndGet();
    }

    /** {@code Release}: the new count; at zero the object leaves the registry. */
    public int release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            for (Memory instance : interfaces) {
                LIVE.remove(Pointer.nativeValue(instance));
            }
            DESTROYED.incrementAndGet();
            if (onFinalRelease != null) {
                onFinalRelease.run();
            }
        } else if (left < 0) {
            STRAY.incrementAndGet();
        }
        return Math.max(left, 0);
    }

    /** {@code QueryInterface}: an AddRef'ed pointer in {@code *ppv}, or NULL and {@code E_NOINTERFACE}. */
    int queryInterface(Pointer riid, Pointer ppv) {
        if (ppv == null) {
            return HResult.E_POINTER.value();
        }
        Pointer p = riid == null ? null : pointer(Guids.read(riid));
        if (p == null) {
            ppv.setPointer(0, null);
            return HResult.E_NOINTERFACE.value();
        }
        addRef();
        ppv.setPointer(0, p);
        return HResult.S_OK.value();
    }
}
