package dev.bgcopy.windows;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.BgCertStoreLocation;
import dev.bgcopy.api.BgClientCertificate;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJobHttpOptions;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Hr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Wide;

import java.util.Optional;

/** {@code IBackgroundCopyJobHttpOptions} (docs/contract.md §3.12): slots 3-10 after {@code IUnknown}. */
class WindowsBackgroundCopyJobHttpOptions extends ComBacked implements IBackgroundCopyJobHttpOptions {

    WindowsBackgroundCopyJobHttpOptions(Binding binding, ComPtr com) {
        super(binding, com);
    }

    @Override
    public void setClientCertificateByID(BgCertStoreLocation storeLocation, String storeName, byte[] certHash) {
        Memory hash = null;
        if (certHash != null) {
            // The IDL copies exactly 20 bytes ([size_is(20)]); another length cannot cross the boundary.
            if (certHash.length != BgClientCertificate.HASH_LENGTH) {
                throw Hr.fail(method("SetClientCertificateByID"), HResult.RPC_X_BAD_STUB_DATA,
                        "the certificate hash is " + certHash.length + " bytes, not " + BgClientCertificate.HASH_LENGTH);
            }
            hash = new Memory(certHash.length);
            hash.write(0, certHash, 0, certHash.length);
        }
        call("SetClientCertificateByID", Slots.HttpOptions.SET_CLIENT_CERTIFICATE_BY_ID,
                WindowsBackgroundCopyJob2.nativeOf(storeLocation), Wide.toNative(storeName), hash);
    }

    @Override
    public void setClientCertificateByName(BgCertStoreLocation storeLocation, String storeName, String subjectName) {
        call("SetClientCertificateByName", Slots.HttpOptions.SET_CLIENT_CERTIFICATE_BY_NAME,
                WindowsBackgroundCopyJob2.nativeOf(storeLocation), Wide.toNative(storeName), Wide.toNative(subjectName));
    }

    @Override
    public HResult removeClientCertificate() {
        return call("RemoveClientCertificate", Slots.HttpOptions.REMOVE_CLIENT_CERTIFICATE);
    }

    @Override
    public BgClientCertificate getClientCertificate() {
        IntByReference location = new IntByReference();
        PointerByReference storeName = new PointerByReference();
        PointerByReference hash = new PointerByReference();
        PointerByReference subject = new PointerByReference();
        try {
            call("GetClientCertificate", Slots.HttpOptions.GET_CLIENT_CERTIFICATE, location, storeName, hash, subject);
            BgCertStoreLocation l = BgCertStoreLocation.fromNative(location.getValue()).orElseThrow(() ->
                    new IllegalStateException(method("GetClientCertificate") + " returned BG_CERT_STORE_LOCATION "
                            + location.getValue()));
            return new BgClientCertificate(l, Wide.read(storeName.getValue()),
                    hash.getValue().getByteArray(0, BgClientCertificate.HASH_LENGTH), Wide.read(subject.getValue()));
        } finally {
            runtime().coTaskMemFree(storeName.getValue());
            runtime().coTaskMemFree(hash.getValue());
            runtime().coTaskMemFree(subject.getValue());
        }
    }

    @Override
    public void setCustomHeaders(String requestHeaders) {
        call("SetCustomHeaders", Slots.HttpOptions.SET_CUSTOM_HEADERS, Wide.toNative(requestHeaders));
    }

    @Override
    public Optional<String> getCustomHeaders() {
        return Optional.ofNullable(callForString("GetCustomHeaders", Slots.HttpOptions.GET_CUSTOM_HEADERS));
    }

    @Override
    public void setSecurityFlags(int flags) {
        call("SetSecurityFlags", Slots.HttpOptions.SET_SECURITY_FLAGS, flags);
    }

    @Override
    public int getSecurityFlags() {
        return callForInt("GetSecurityFlags", Slots.HttpOptions.GET_SECURITY_FLAGS);
    }
}
