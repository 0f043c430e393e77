package dev.bgcopy.tck;

/**
 * The whole conformance kit: every contract of docs/contract.md §9 plus the model-based state-machine
 * property. An implementation's test class implements this and supplies {@link #fixture()}:
 *
 * <pre>{@code
 * class MyTckTest implements BackgroundCopyTck {
 *     public TckFixture fixture() { return ...; }
 * }
 * }</pre>
 *
 * The run writes {@code target/tck-report.md} (rule -> tests -> result).
 */
public interface BackgroundCopyTck extends JobCreationContract, JobStateMachineContract, JobErrorContract,
        NotificationContract, JobSettingsContract, JobProgressContract, FileEnumerationContract,
        DoExtensionsContract, HttpOptionsContract, HttpAuthProxyContract, HttpSecurityContract, RetentionContract, LocalFaultsContract,
        RestartContract, NativeBoundaryContract, NotifyCommandContract, JobPropertiesContract, OnDemandRangesContract,
        HttpOptions10Contract, JobPropertiesRestartContract, Bits3InterfacesContract,
        ServerCertificateCallbackContract,
        JobStateMachineProperties {
}
