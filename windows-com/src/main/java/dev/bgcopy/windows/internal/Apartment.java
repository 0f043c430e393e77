package dev.bgcopy.windows.internal;

/**
 * The COM apartment of the calling thread as far as the binding cares: whether the thread may call the
 * services' interface pointers itself. The binding holds those pointers in the process's multithreaded
 * apartment (MTA), so only a thread in the MTA may call them; any other thread hands its calls to
 * {@link ComThread}. Learnt with {@code CoGetApartmentType} ({@code APTTYPE} and {@code APTTYPEQUALIFIER}
 * in objidl.h) through {@link ComRuntime#apartmentOfCurrentThread()}.
 */
public enum Apartment {

    /** {@code APTTYPE_MTA}, qualifier {@code APTTYPEQUALIFIER_NONE}: the thread joined the MTA itself. */
    MTA(true),
    /**
     * {@code APTTYPE_MTA} with {@code APTTYPEQUALIFIER_IMPLICIT_MTA}: the thread never initialised COM and
     * is in the MTA because the process has one (the binding keeps it alive with {@code CoIncrementMTAUsage}).
     * Such a thread may initialise COM later, as an STA too, which is why this answer is never cached.
     */
    IMPLICIT_MTA(true),
    /** {@code APTTYPE_STA} or {@code APTTYPE_MAINSTA}: a single-threaded apartment; its calls hop. */
    STA(false),
    /** {@code APTTYPE_NA}: the thread is executing in the neutral apartment; its calls hop. */
    NEUTRAL(false),
    /**
     * {@code CoGetApartmentType} failed, e.g. {@code CO_E_NOTINITIALIZED} for a thread that never
     * initialised COM while the process has no MTA, or the function is missing: the calls hop.
     */
    UNKNOWN(false);

    /** {@code APTTYPE_STA}. */
    public static final int APTTYPE_STA = 0;
    /** {@code APTTYPE_MTA}. */
    public static final int APTTYPE_MTA = 1;
    /** {@code APTTYPE_NA}. */
    public static final int APTTYPE_NA = 2;
    /** {@code APTTYPE_MAINSTA}. */
    public static final int APTTYPE_MAINSTA = 3;
    /** {@code APTTYPEQUALIFIER_NONE}. */
    public static final int APTTYPEQUALIFIER_NONE = 0;
    /** {@code APTTYPEQUALIFIER_IMPLICIT_MTA}. */
    public static final int APTTYPEQUALIFIER_IMPLICIT_MTA = 1;

    private final boolean mayCallMtaPointers;

    Apartment(boolean mayCallMtaPointers) {
        this.mayCallMtaPointers = mayCallMtaPointers;
    }

    /** Whether a thread in this apartment may call an interface pointer of the MTA directly. */
    public boolean mayCallMtaPointers() {
        return mayCallMtaPointers;
    }

    /**
     * The apartment {@code CoGetApartmentType} reported.
     *
     * @param hresult what the function returned
     * @param aptType its {@code APTTYPE} out-value (meaningless on failure)
     * @param qualifier its {@code APTTYPEQUALIFIER} out-value (meaningless on failure)
     */
    public static Apartment of(int hresult, int aptType, int qualifier) {
        if (hresult < 0) {
            return UNKNOWN;
        }
        return switch (aptType) {
            case APTTYPE_MTA -> qualifier == APTTYPEQUALIFIER_IMPLICIT_MTA ? IMPLICIT_MTA : MTA;
            case APTTYPE_STA, APTTYPE_MAINSTA -> STA;
            case APTTYPE_NA -> NEUTRAL;
            default -> UNKNOWN;
        };
    }
}
