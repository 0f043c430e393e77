package dev.bgcopy.windows.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.util.UUID;

/**
 * The class and interface identities of docs/contract.md §2, and the conversion between {@link UUID} and the
 * native 16-byte {@code GUID}: {@code Data1} (u32), {@code Data2} and {@code Data3} (u16) are
 * little-endian, {@code Data4} keeps its text order. {@code UUID} is big-endian throughout, so the
 * first three fields are byte-swapped on the way in and out.
 */
public final class Guids {

    /** Size of a native {@code GUID}. */
    public static final int SIZE = 16;

    /** {@code CLSID_DeliveryOptimization}: the dosvc coclass serving IBackgroundCopyManager. */
    public static final UUID CLSID_DELIVERY_OPTIMIZATION = UUID.fromString("5B99FA76-721C-423C-ADAC-56D03C8A8007");
    /** {@code CLSID_BackgroundCopyManager}: BITS. */
    public static final UUID CLSID_BACKGROUND_COPY_MANAGER = UUID.fromString("4991D34B-80A1-4291-83B6-3328366B9097");

    /** {@code IID_IUnknown}. */
    public static final UUID IID_IUNKNOWN = UUID.fromString("00000000-0000-0000-C000-000000000046");
    /** {@code IID_IBackgroundCopyManager}. */
    public static final UUID IID_IBACKGROUND_COPY_MANAGER = UUID.fromString("5CE34C0D-0DC9-4C1F-897C-DAA1B78CEE7C");
    /** {@code IID_IBackgroundCopyJob}. */
    public static final UUID IID_IBACKGROUND_COPY_JOB = UUID.fromString("37668D37-507E-4160-9316-26306D150B12");
    /** {@code IID_IBackgroundCopyJob2} (IDL:bits1_5). */
    public static final UUID IID_IBACKGROUND_COPY_JOB2 = UUID.fromString("54B50739-686F-45EB-9DFF-D6A9A0FAA9AF");
    /** {@code IID_IBackgroundCopyJobHttpOptions} (IDL:bits2_5). */
    public static final UUID IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS = UUID.fromString("F1BD1079-9F01-4BDC-8036-F09B70095066");
    /** {@code IID_IBackgroundCopyFile}. */
    public static final UUID IID_IBACKGROUND_COPY_FILE = UUID.fromString("01B7BD23-FB88-4A77-8490-5891D3E4653A");
    /** {@code IID_IBackgroundCopyFile2}. */
    public static final UUID IID_IBACKGROUND_COPY_FILE2 = UUID.fromString("83E81B93-0873-474D-8A8C-F2018B1A939C");
    /** {@code IID_IEnumBackgroundCopyFiles}. */
    public static final UUID IID_IENUM_BACKGROUND_COPY_FILES = UUID.fromString("CA51E165-C365-424C-8D41-24AAA4FF3C40");
    /** {@code IID_IEnumBackgroundCopyJobs}. */
    public static final UUID IID_IENUM_BACKGROUND_COPY_JOBS = UUID.fromString("1AF4F612-3B71-466F-8F58-7B6F73AC57AD");
    /** {@code IID_IBackgroundCopyError}. */
    public static final UUID IID_IBACKGROUND_COPY_ERROR = UUID.fromString("19C613A0-FCB8-4F28-81AE-897C3D078F81");
    /** {@code IID_IBackgroundCopyCallback}. */
    public static final UUID IID_IBACKGROUND_COPY_CALLBACK = UUID.fromString("97EA99C7-0186-4AD4-8DF9-C5B4E0ED6B22");
    /** {@code IID_IBackgroundCopyCallback2}. */
    public static final UUID IID_IBACKGROUND_COPY_CALLBACK2 = UUID.fromString("659CDEAC-489E-11D9-A9CD-000D56965251");
    /** {@code IID_IDeliveryOptimizationJob}. */
    public static final UUID IID_IDELIVERY_OPTIMIZATION_JOB = UUID.fromString("EE2584CF-A69C-4848-B633-2649962B3EF7");
    /** {@code IID_IBackgroundCopyJob3} (IDL:bits2_0). */
    public static final UUID IID_IBACKGROUND_COPY_JOB3 = UUID.fromString("443C8934-90FF-48ED-BCDE-26F5C7450042");
    /** {@code IID_IBackgroundCopyJob4} (IDL:bits3_0). */
    public static final UUID IID_IBACKGROUND_COPY_JOB4 = UUID.fromString("659CDEAE-489E-11D9-A9CD-000D56965251");
    /** {@code IID_IBackgroundCopyFile3} (bits3_0.h). */
    public static final UUID IID_IBACKGROUND_COPY_FILE3 = UUID.fromString("659CDEAA-489E-11D9-A9CD-000D56965251");
    /** {@code IID_IBackgroundCopyFile4} (bits3_0.h). */
    public static final UUID IID_IBACKGROUND_COPY_FILE4 = UUID.fromString("EF7E0655-7888-4960-B0E5-730846E03492");
    /** {@code IID_IBackgroundCopyJob5} (IDL:bits5_0). */
    public static final UUID IID_IBACKGROUND_COPY_JOB5 = UUID.fromString("E847030C-BBBA-4657-AF6D-484AA42BF1FE");
    /** {@code IID_IBackgroundCopyFile5} (bits5_0.h). */
    public static final UUID IID_IBACKGROUND_COPY_FILE5 = UUID.fromString("85C1657F-DAFC-40E8-8834-DF18EA25717E");
    /** {@code IID_IBackgroundCopyFile6} (bits10_1.h). */
    public static final UUID IID_IBACKGROUND_COPY_FILE6 = UUID.fromString("CF6784F7-D677-49FD-9368-CB47AEE9D1AD");
    /** {@code IID_IBackgroundCopyCallback3} (bits10_1.h). */
    public static final UUID IID_IBACKGROUND_COPY_CALLBACK3 = UUID.fromString("98C97BD2-E32B-4AD8-A528-95FD8B16BD42");
    /** {@code IID_IBackgroundCopyJobHttpOptions2} (bits10_2.h). */
    public static final UUID IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS2 = UUID.fromString("B591A192-A405-4FC3-8323-4C5C542578FC");
    /** {@code IID_IBackgroundCopyJobHttpOptions3} (bits10_3.h). */
    public static final UUID IID_IBACKGROUND_COPY_JOB_HTTP_OPTIONS3 = UUID.fromString("8A9263D3-FD4C-4EDA-9B28-30132A4D4E3C");
    /** {@code IID_IBackgroundCopyServerCertificateValidationCallback} (bits10_3.h). */
    public static final UUID IID_IBACKGROUND_COPY_SERVER_CERTIFICATE_VALIDATION_CALLBACK =
            UUID.fromString("4CEC0D02-DEF7-4158-813A-C32A46945FF7");
    /** {@code IID_IDeliveryOptimizationJob2}. */
    public static final UUID IID_IDELIVERY_OPTIMIZATION_JOB2 = UUID.fromString("18995A26-BF59-4ABE-9F8B-D5092D5A2405");
    /** {@code IID_IDeliveryOptimizationFile}. */
    public static final UUID IID_IDELIVERY_OPTIMIZATION_FILE = UUID.fromString("B76B9699-E99E-4101-803F-A20E325D93E2");
    /** {@code IID_IDeliveryOptimizationFile2}. */
    public static final UUID IID_IDELIVERY_OPTIMIZATION_FILE2 = UUID.fromString("3A87296F-6EC2-4126-AB29-E3F8DC4CC390");

    private Guids() {
    }

    /** The 16 native bytes of {@code uuid}. */
    public static byte[] toBytes(UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        byte[] b = new byte[SIZE];
        int data1 = (int) (msb >>> 32);
        short data2 = (short) (msb >>> 16);
        short data3 = (short) msb;
        b[0] = (byte) data1;
        b[1] = (byte) (data1 >>> 8);
        b[2] = (byte) (data1 >>> 16);
        b[3] = (byte) (data1 >>> 24);
        b[4] = (byte) data2;
        b[5] = (byte) (data2 >>> 8);
        b[6] = (byte) data3;
        b[7] = (byte) (data3 >>> 8);
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }

    /** The {@code UUID} of 16 native bytes. */
    public static UUID fromBytes(byte[] b) {
        if (b.length != SIZE) {
            throw new IllegalArgumentException("a GUID has 16 bytes, not " + b.length);
        }
        long data1 = (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        long data2 = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8;
        long data3 = (b[6] & 0xFFL) | (b[7] & 0xFFL) << 8;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (b[8 + i] & 0xFFL);
        }
        return new UUID(data1 << 32 | data2 << 16 | data3, lsb);
    }

    /** A new native {@code GUID} holding {@code uuid} (for {@code REFGUID}/{@code REFIID} arguments). */
    public static Memory toNative(UUID uuid) {
        Memory m = new Memory(SIZE);
        write(m, uuid);
        return m;
    }

    /** Writes {@code uuid} as a native {@code GUID} at {@code at}. */
    public static void write(Pointer at, UUID uuid) {
        at.write(0, toBytes(uuid), 0, SIZE);
    }

    /** The {@code GUID} stored at {@code at}. */
    public static UUID read(Pointer at) {
        return fromBytes(at.getByteArray(0, SIZE));
    }
}
