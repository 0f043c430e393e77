package dev.bgcopy.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import dev.bgcopy.api.BgAuthCredentials;
import dev.bgcopy.api.BgAuthScheme;
import dev.bgcopy.api.BgAuthTarget;
import dev.bgcopy.api.BgJobReplyProgress;
import dev.bgcopy.api.BgNotifyCmdLine;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob2;
import dev.bgcopy.api.NativeEnum;
import dev.bgcopy.windows.internal.ComPtr;
import dev.bgcopy.windows.internal.Slots;
import dev.bgcopy.windows.internal.Structs;
import dev.bgcopy.windows.internal.Wide;

/**
 * {@code IBackgroundCopyJob2} (docs/contract.md §3.11): the job's 35 slots, inherited, then eight more on the
 * same vtable. The password of {@link #setCredentials} goes to native memory straight from its {@code char[]}
 * and that memory is zeroed when the call returns.
 */
class WindowsBackgroundCopyJob2 extends WindowsBackgroundCopyJob implements IBackgroundCopyJob2 {

    /** The native value standing for a null enum: outside every enumeration, as the service must see it. */
    static final int NOT_A_VALUE = -1;

    WindowsBackgroundCopyJob2(Binding binding, ComPtr com) {
        super(binding, com);
    }

    static int nativeOf(NativeEnum value) {
        return value == null ? NOT_A_VALUE : value.nativeValue();
    }

    @Override
    public void setNotifyCmdLine(String program, String parameters) {
        call("SetNotifyCmdLine", Slots.Job2.SET_NOTIFY_CMD_LINE, Wide.toNative(program), Wide.toNative(parameters));
    }

    @Override
    public BgNotifyCmdLine getNotifyCmdLine() {
        PointerByReference program = new PointerByReference();
        PointerByReference parameters = new PointerByReference();
        try {
            call("GetNotifyCmdLine", Slots.Job2.GET_NOTIFY_CMD_LINE, program, parameters);
            return new BgNotifyCmdLine(Wide.read(program.getValue()), Wide.read(parameters.getValue()));
        } finally {
            runtime().coTaskMemFree(program.getValue());
            runtime().coTaskMemFree(parameters.getValue());
        }
    }

    @Override
    public BgJobReplyProgress getReplyProgress() {
        Structs.JobReplyProgress progress = new Structs.JobReplyProgress();
        call("GetReplyProgress", Slots.Job2.GET_REPLY_PROGRESS, progress.getPointer());
        progress.read();
        return new BgJobReplyProgress(progress.BytesTotal, progress.BytesTransferred);
    }

    @Override
    public byte[] getReplyData() {
        PointerByReference buffer = new PointerByReference();
        LongByReference length = new LongByReference();
        try {
            call("GetReplyData", Slots.Job2.GET_REPLY_DATA, buffer, length);
            Pointer data = buffer.getValue();
            return data == null ? new byte[0] : data.getByteArray(0, Math.toIntExact(length.getValue()));
        } finally {
            runtime().coTaskMemFree(buffer.getValue());
        }
    }

    @Override
    public void setReplyFileName(String replyFileName) {
        call("SetReplyFileName", Slots.Job2.SET_REPLY_FILE_NAME, Wide.toNative(replyFileName));
    }

    @Override
    public String getReplyFileName() {
        return callForString("GetReplyFileName", Slots.Job2.GET_REPLY_FILE_NAME);
    }

    @Override
    public void setCredentials(BgAuthCredentials credentials) {
        if (credentials == null) {
            call("SetCredentials", Slots.Job2.SET_CREDENTIALS, (Pointer) null);
            return;
        }
        Structs.AuthCredentials native_ = new Structs.AuthCredentials();
        native_.Target = nativeOf(credentials.target());
        native_.Scheme = nativeOf(credentials.scheme());
        Memory user = credentials.basic() == null ? null : Wide.toNative(credentials.basic().userName());
        char[] password = credentials.basic() == null ? null : credentials.basic().password();
        Memory secret = Wide.secretToNative(password);
        try {
            native_.Credentials.UserName = user;
            native_.Credentials.Password = secret;
            native_.write();
            call("SetCredentials", Slots.Job2.SET_CREDENTIALS, native_.getPointer());
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
            if (secret != null) {
                secret.clear();
            }
        }
    }

    @Override
    public HResult removeCredentials(BgAuthTarget target, BgAuthScheme scheme) {
        return call("RemoveCredentials", Slots.Job2.REMOVE_CREDENTIALS, nativeOf(target), nativeOf(scheme));
    }
}
