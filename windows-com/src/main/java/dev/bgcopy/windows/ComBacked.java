package dev.bgcopy.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IUnknown;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.ComRuntime;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.OutBuffer;
import dev.bgcopy.windows.internal.Wide;

import java.util.Optional;

/**
 * Base of every façade: one {@link ComPtr} (one reference) plus the out-parameter conventions of
 * docs/contract.md §3 written once — [str-out] copied then {@code CoTaskMemFree}d in {@code finally},
 * [itf-out] adopted into a new wrapper, 4-byte outs read unsigned where they are {@code ULONG}s. Out-values
 * land in the calling thread's {@link OutBuffer}, not in memory allocated per call.
 */
abstract class ComBacked {

    /** The reference this wrapper owns. */
    final ComPtr com;
    /** The service this object belongs to. */
    final Binding binding;

    ComBacked(Binding binding, ComPtr com) {
        this.binding = binding;
        this.com = com;
    }

    /** The native interface name, e.g. {@code IBackgroundCopyJob}. */
    final String iface() {
        return com.interfaceName();
    }

    /** {@code Interface::Method} for messages. */
    final String method(String name) {
        return iface() + "::" + name;
    }

    final ComRuntime runtime() {
        return binding.runtime();
    }

    /** A call whose only result is its success code. */
    final HResult call(String name, int slot, Object... args) {
        return Hr.check(method(name), com.invoke(slot, args));
    }

    /** A call with one 4-byte out-parameter last. */
    final int callForInt(String name, int slot, Object... leading) {
        try (OutBuffer out = OutBuffer.acquire(Integer.BYTES)) {
            call(name, slot, append(leading, out.pointer()));
            return out.pointer().getInt(0);
        }
    }

    /** A call with one [str-out] last: the string is copied, then freed exactly once. */
    final String callForString(String name, int slot, Object... leading) {
        try (OutBuffer out = OutBuffer.acquire(Native.POINTER_SIZE)) {
            try {
                call(name, slot, append(leading, out.pointer()));
                return Wide.read(out.pointer().getPointer(0));
            } finally {
                runtime().coTaskMemFree(out.pointer().getPointer(0));
            }
        }
    }

    /** A call with one [itf-out] last: the returned reference, owned by the caller (null for NULL). */
    final ComPtr callForInterface(String name, String returnedInterface, int slot, Object... leading) {
        try (OutBuffer out = OutBuffer.acquire(Native.POINTER_SIZE)) {
            call(name, slot, append(leading, out.pointer()));
            return ComPtr.adopt(runtime(), out.pointer().getPointer(0), returnedInterface);
        }
    }

    static Object[] append(Object[] leading, Object last) {
        Object[] all = new Object[leading.length + 1];
        System.arraycopy(leading, 0, all, 0, leading.length);
        all[leading.length] = last;
        return all;
    }

    /**
     * {@code QueryInterface} for an api interface: this object when it already is one the service answers, otherwise
     * a new wrapper owning the new reference, or empty for {@code E_NOINTERFACE}.
     */
    public <T extends IUnknown> Optional<T> queryInterface(Class<T> type) {
        if (IUnknown.requireInterface(type).isInstance(this)
                && Interfaces.forApi(type).map(i -> i.answeredBy(binding.kind())).orElse(true)) {
            return Optional.of(type.cast(this));
        }
        return Interfaces.forApi(type).flatMap(i -> com.queryInterface(i.iid(), i.nativeName())
                .map(ptr -> type.cast(i.wrap(binding, ptr))));
    }

    /** {@code Release} of this wrapper's reference; idempotent. */
    public void close() {
        com.close();
    }

    /** The interface pointer, for passing this object back into a native call. */
    final Pointer pointer() {
        return com.pointer();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (com.isClosed() ? "[closed]" : "[" + com.pointer() + "]");
    }
}
