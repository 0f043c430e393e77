package dev.bgcopy.windows.internal;

/**
 * The arguments of {@code CoSetProxyBlanket} after the proxy: the authentication a service's interface
 * proxy uses for every call made through it. A blanket belongs to one interface proxy (COM's "Setting
 * Security at the Interface Proxy Level"), so the binding sets it on every interface pointer it
 * receives from a service, not only on the manager (see {@link ComPtr}).
 *
 * @param authnService {@code dwAuthnSvc}, e.g. {@link #RPC_C_AUTHN_DEFAULT}
 * @param authzService {@code dwAuthzSvc}, e.g. {@link #RPC_C_AUTHZ_DEFAULT}
 * @param serverPrincipal {@code pServerPrincName} as an address, e.g. {@link #COLE_DEFAULT_PRINCIPAL}
 * @param authnLevel {@code dwAuthnLevel}, e.g. {@link #RPC_C_AUTHN_LEVEL_DEFAULT}
 * @param impersonationLevel {@code dwImpLevel}, e.g. {@link #RPC_C_IMP_LEVEL_IMPERSONATE}
 * @param authInfo {@code pAuthInfo} as an address, e.g. {@link #COLE_DEFAULT_AUTHINFO}
 * @param capabilities {@code dwCapabilities} ({@code EOLE_AUTHENTICATION_CAPABILITIES})
 */
public record ProxyBlanket(int authnService, int authzService, long serverPrincipal, int authnLevel,
        int impersonationLevel, long authInfo, int capabilities) {

    /** {@code RPC_C_AUTHN_DEFAULT}: DCOM negotiates the authentication service. */
    public static final int RPC_C_AUTHN_DEFAULT = 0xFFFFFFFF;
    /** {@code RPC_C_AUTHZ_DEFAULT}: DCOM negotiates the authorization service. */
    public static final int RPC_C_AUTHZ_DEFAULT = 0xFFFFFFFF;
    /** {@code COLE_DEFAULT_PRINCIPAL}, {@code (OLECHAR*)-1}: DCOM picks the server principal name. */
    public static final long COLE_DEFAULT_PRINCIPAL = -1L;
    /** {@code RPC_C_AUTHN_LEVEL_DEFAULT}: the process's authentication level (the host's, or ours). */
    public static final int RPC_C_AUTHN_LEVEL_DEFAULT = 0;
    /** {@code RPC_C_IMP_LEVEL_IDENTIFY}: COM's default when the process never called {@code CoInitializeSecurity}. */
    public static final int RPC_C_IMP_LEVEL_IDENTIFY = 2;
    /** {@code RPC_C_IMP_LEVEL_IMPERSONATE}: the server may act as the client on this machine. */
    public static final int RPC_C_IMP_LEVEL_IMPERSONATE = 3;
    /** {@code COLE_DEFAULT_AUTHINFO}, {@code (void*)-1}: DCOM picks the client identity. */
    public static final long COLE_DEFAULT_AUTHINFO = -1L;
    /** {@code EOAC_DEFAULT}: DCOM picks the capabilities, so a host's cloaking choice is kept. */
    public static final int EOAC_DEFAULT = 0x800;

    /**
     * What the binding sets on every interface of BITS and Delivery Optimization: impersonation level
     * {@code RPC_C_IMP_LEVEL_IMPERSONATE}, every other part negotiated as the process's security says.
     * BITS answers {@code E_ACCESSDENIED} to a proxy below IDENTIFY and Microsoft tells a library whose
     * host may have chosen a lower level to set the level itself on each BITS interface it calls; the
     * binding asks for IMPERSONATE, the level its own {@code CoInitializeSecurity} asks for, so a host that
     * initialised COM security first (our call then answers {@code RPC_E_TOO_LATE}) gets the same calls
     * and callbacks as a process whose security the binding chose.
     */
    public static final ProxyBlanket FOR_SERVICES = new ProxyBlanket(RPC_C_AUTHN_DEFAULT, RPC_C_AUTHZ_DEFAULT,
            COLE_DEFAULT_PRINCIPAL, RPC_C_AUTHN_LEVEL_DEFAULT, RPC_C_IMP_LEVEL_IMPERSONATE, COLE_DEFAULT_AUTHINFO,
            EOAC_DEFAULT);
}
