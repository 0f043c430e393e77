package dev.bgcopy.windows.internal;

import com.sun.jna.AltCallingConvention;
import com.sun.jna.CallbackProxy;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.HResult;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The native vtable of one COM interface implemented in Java: slots 0-2 are the shared
 * {@code IUnknown} methods of {@link ComObject}, slots 3.. the given {@link ComMethod}s, each exported
 * as a JNA callback. A vtable is built once per interface and lives as long as the class that holds
 * it (normally a {@code static final} field), so its memory and its callbacks stay strongly reachable
 * for as long as any object can point at it: freed vtable memory would crash the JVM on the next call.
 */
public final class ComVtable {

    private static final System.Logger LOG = System.getLogger(ComVtable.class.getPackageName());

    private static final List<Object> KEEP_ALIVE = Collections.synchronizedList(new ArrayList<>());

    private final String name;
    private final Set<UUID> iids;
    private final Memory table;
    /** Held so the JNA callbacks (and their native trampolines) live as long as the table pointing at them. */
    private final List<Object> callbacks;

    private ComVtable(String name, Set<UUID> iids, Memory table, List<Object> callbacks) {
        this.name = name;
        this.iids = iids;
        this.table = table;
        this.callbacks = callbacks;
    }

    /**
     * A vtable answering {@code iids} (the interface and the interfaces it extends, not IUnknown) whose
     * slot {@code 3 + i} is {@code methods.get(i)}.
     */
    public static ComVtable of(String name, Set<UUID> iids, List<ComMethod> methods) {
        int slots = Slots.Unknown.COUNT + methods.size();
        Memory table = new Memory((long) slots * Native.POINTER_SIZE);
        List<Object> callbacks = new ArrayList<>();
        Trampoline[] unknown = {
                trampoline(ComObject.QUERY_INTERFACE_METHOD, name + "::QueryInterface"),
                trampoline(ComObject.ADD_REF_METHOD, name + "::AddRef"),
                trampoline(ComObject.RELEASE_METHOD, name + "::Release")};
        for (int slot = 0; slot < slots; slot++) {
            Trampoline t = slot < Slots.Unknown.COUNT
                    ? unknown[slot]
                    : trampoline(methods.get(slot - Slots.Unknown.COUNT), null);
            callbacks.add(t);
            table.setPointer(Slots.offset(slot), CallbackReference.getFunctionPointer(t));
        }
        ComVtable vtable = new ComVtable(name, Set.copyOf(iids), table, List.copyOf(callbacks));
        // Vtables are few and permanent: pin them so no object can outlive its vtable.
        KEEP_ALIVE.add(vtable);
        return vtable;
    }

    /** The interface name. */
    public String name() {
        return name;
    }

    /** Whether this vtable serves {@code iid}. */
    public boolean answers(UUID iid) {
        return iids.contains(iid);
    }

    /** The native table to store in an object's first word. */
    Pointer table() {
        return table;
    }

    private static Trampoline trampoline(ComMethod method, String name) {
        ComMethod named = name == null ? method : new ComMethod(name, method.parameterTypes(), method.body());
        return CallingConvention.STDCALL ? new StdCallTrampoline(named) : new Trampoline(named);
    }

    /** The HRESULT a Java exception stands for when it reaches a native boundary. */
    public static int hresultOf(Throwable t) {
        if (t instanceof BackgroundCopyException) {
            return ((BackgroundCopyException) t).hresult().value();
        }
        if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
            return HResult.E_INVALIDARG.value();
        }
        if (t instanceof UnsupportedOperationException) {
            return HResult.E_NOTIMPL.value();
        }
        return HResult.E_FAIL.value();
    }

    /** A JNA callback with a declared signature: {@code int method(Pointer this, params...)}. */
    private static class Trampoline implements CallbackProxy {
        private final ComMethod method;
        private final Class<?>[] parameterTypes;

        Trampoline(ComMethod method) {
            this.method = method;
            Class<?>[] params = method.parameterTypes();
            this.parameterTypes = new Class<?>[params.length + 1];
            this.parameterTypes[0] = Pointer.class;
            System.arraycopy(params, 0, this.parameterTypes, 1, params.length);
        }

        @Override
        public Object callback(Object[] args) {
            try {
                ComObject self = ComObject.find((Pointer) args[0]);
                if (self == null) {
                    ComObject.recordStrayCall();
                    LOG.log(Level.ERROR, () -> method.name() + " reached an object already destroyed (a caller "
                            + "released it once too often); answered E_POINTER, the call is lost");
                    return HResult.E_POINTER.value();
                }
                Object[] rest = new Object[args.length - 1];
                System.arraycopy(args, 1, rest, 0, rest.length);
                return ComThread.inApartment(() -> method.body().invoke(self, rest));
            } catch (BackgroundCopyException e) {
                // A method's own failure code: the caller receives all there is to know.
                return hresultOf(e);
            } catch (Throwable t) {
                // Never let an exception unwind into native code. The caller sees only the code: the
                // exception is logged here, or nobody would ever see it.
                int hr = hresultOf(t);
                LOG.log(Level.ERROR, () -> method.name() + " failed; answered " + HResult.of(hr), t);
                return hr;
            }
        }

        @Override
        public Class<?>[] getParameterTypes() {
            return parameterTypes.clone();
        }

        @Override
        public Class<?> getReturnType() {
            return int.class;
        }
    }

    /** The same trampoline with {@code __stdcall}, for 32-bit Windows. */
    private static final class StdCallTrampoline extends Trampoline implements AltCallingConvention {
        StdCallTrampoline(ComMethod method) {
            super(method);
        }
    }
}
