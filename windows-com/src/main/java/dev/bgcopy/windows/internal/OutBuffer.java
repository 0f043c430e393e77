package dev.bgcopy.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * Native memory for a call's out-parameters (a {@code BG_JOB_PROGRESS}, a {@code ULONG}, an interface
 * or string out-pointer...), reused by every call of the same thread instead of allocated per call. It
 * has no Windows counterpart: it is where the caller's stack frame would hold them in C.
 *
 * <p>Re-entrancy: a call may start on a thread whose outer call is still waiting for its out-values, for
 * instance when an in-process object (the loopback's services, a foreign callback) calls back into the
 * binding while serving the outer call. So buffers are a per-thread stack: {@link #acquire} takes the
 * next free one (allocated the first time that depth is reached) and {@link #close()} gives it back;
 * an inner call never writes into its outer call's buffer. Acquire and close must nest, which
 * try-with-resources guarantees. The memory itself may be written by another thread (the
 * {@link ComThread} a call hops to) while its owner waits.
 */
public final class OutBuffer implements AutoCloseable {

    /** Bytes of each buffer: room for the largest fixed out-structure of the contract and its out-pointers. */
    public static final int SIZE = 128;

    private static final ThreadLocal<Stack> STACKS = ThreadLocal.withInitial(Stack::new);

    private final Stack stack;
    private final int depth;
    private final Memory memory = new Memory(SIZE);

    private OutBuffer(Stack stack, int depth) {
        this.stack = stack;
        this.depth = depth;
    }

    /**
     * The calling thread's next free buffer with its first {@code bytes} zeroed, as a callee expects a
     * fresh out-parameter (and as {@code finally} blocks that free an out-string rely on).
     *
     * @throws IllegalArgumentException if {@code bytes} exceeds {@link #SIZE}
     */
    public static OutBuffer acquire(int bytes) {
        if (bytes < 0 || bytes > SIZE) {
            throw new IllegalArgumentException("an out-buffer holds 0.." + SIZE + " bytes, not " + bytes);
        }
        OutBuffer buffer = STACKS.get().push();
        buffer.memory.clear(bytes);
        return buffer;
    }

    /** The buffer's start. */
    public Pointer pointer() {
        return memory;
    }

    /** The address {@code offset} bytes into the buffer, e.g. a second out-parameter. */
    public Pointer at(long offset) {
        return memory.share(offset);
    }

    /** Gives the buffer back to its thread; the buffers of deeper calls must be closed first. */
    @Override
    public void close() {
        stack.pop(this);
    }

    /** One thread's buffers; touched only by that thread. */
    private static final class Stack {
        private final List<OutBuffer> buffers = new ArrayList<>(2);
        private int inUse;

        OutBuffer push() {
            if (inUse == buffers.size()) {
                buffers.add(new OutBuffer(this, inUse));
            }
            return buffers.get(inUse++);
        }

        void pop(OutBuffer buffer) {
            if (buffer.depth != inUse - 1) {
                throw new IllegalStateException("out-buffers closed out of order: depth " + buffer.depth
                        + " while " + inUse + " are in use");
            }
            inUse--;
        }
    }
}
