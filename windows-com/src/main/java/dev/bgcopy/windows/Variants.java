package dev.bgcopy.windows;

import com.sun.jna.Memory;

import dev.bgcopy.api.HResult;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Variant;

/** The {@code GetProperty(id, VARIANT*)} / {@code SetProperty(id, const VARIANT*)} pair of the DO interfaces. */
final class Variants {

    private Variants() {
    }

    /** Reads a property; the out VARIANT is cleared ({@code VariantClear}) whatever happens. */
    static Object get(ComBacked target, String name, int slot, int propertyId) {
        Memory v = Variant.allocate();
        try {
            target.call(name, slot, propertyId, v);
            return Variant.read(v);
        } finally {
            Variant.clear(v, target.runtime());
        }
    }

    /** Writes a property; the VARIANT built for the call is cleared afterwards. */
    static void set(ComBacked target, String name, int slot, int propertyId, Object value) {
        Memory v = Variant.allocate();
        try {
            try {
                Variant.write(v, value, target.runtime());
            } catch (IllegalArgumentException e) {
                throw Hr.fail(target.method(name), HResult.E_INVALIDARG, e.getMessage());
            }
            target.call(name, slot, propertyId, v);
        } finally {
            Variant.clear(v, target.runtime());
        }
    }
}
