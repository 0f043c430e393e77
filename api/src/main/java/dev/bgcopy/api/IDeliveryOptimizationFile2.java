package dev.bgcopy.api;

/**
 * {@code IDeliveryOptimizationFile2} (IID {@code 3A87296F-6EC2-4126-AB29-E3F8DC4CC390}; docs/contract.md §3.10,
 * §4.8): a DO file's properties. Values use the Java types of {@link DoFilePropertyId#valueType()}.
 */
public interface IDeliveryOptimizationFile2 extends IUnknown {

    /**
     * {@code GetProperty} (slot 3). Fails with {@code DO_E_WRITE_ONLY_PROPERTY} for the write-only ids
     * (R105), {@code E_NOT_SET} for a property never set (R106), {@code DO_E_UNKNOWN_PROPERTY_ID} for
     * an unknown id.
     */
    Object getProperty(DoFilePropertyId id);

    /**
     * {@code SetProperty} (slot 4). Fails with {@code E_INVALIDARG} when {@code value} is not of the
     * property's type, {@code DO_E_INVALID_STATE} when the job's state forbids the change.
     */
    void setProperty(DoFilePropertyId id, Object value);
}
