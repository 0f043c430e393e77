package dev.bgcopy.api;

/**
 * {@code IBackgroundCopyJob5} (IID {@code E847030C-BBBA-4657-AF6D-484AA42BF1FE}; bits5_0.h; docs/contract.md §3.17,
 * §4.17): a job's generic properties, reached with {@code job.queryInterface(IBackgroundCopyJob5.class)}. It derives
 * from {@link IBackgroundCopyJob4}, as natively, so its two methods take slots 53 and 54; in Delivery Optimization the
 * inherited IBackgroundCopyJob2-4 methods answer {@code E_NOINTERFACE}, as that reference documents none of them. Delivery Optimization implements
 * it with {@link BitsJobPropertyId#COST_FLAGS} and {@link BitsJobPropertyId#NOTIFICATION_CLSID} only
 * ({@link Feature#JOB_PROPERTIES}).
 */
public interface IBackgroundCopyJob5 extends IBackgroundCopyJob4 {

    /**
     * {@code SetProperty} (slot 53). {@code UNKNOWN_PROPERTY_ID} for an id the service does not know,
     * {@code E_NOTIMPL} for one it knows but does not support (DO), {@code E_INVALIDARG} for a value of another member
     * than the id uses or outside its range, the id's documented code when the job's configuration or state forbids
     * the change (R210-R215); a refusal changes nothing.
     */
    void setProperty(BitsJobPropertyId id, BitsJobPropertyValue value);

    /** {@code GetProperty} (slot 54): the value last set, or the property's default (R210-R211). */
    BitsJobPropertyValue getProperty(BitsJobPropertyId id);
}
