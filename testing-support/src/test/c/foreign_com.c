/*
 * Foreign code for the binding's tests, compiled by the test with the system C compiler.
 *
 * 1. A layout oracle: sizeof/offsetof of the CONTRACT §6 structs as the C compiler lays them out.
 *    On x86-64 (gcc, System V) these structs have exactly the Windows x64 layout (UINT64 and pointers
 *    8-aligned, no bit-fields), so the C compiler is an oracle independent of JNA and of WindowsLayout.
 * 2. A minimal IBackgroundCopyJob written in C, its vtable declared in IDL order (CONTRACT §3.3),
 *    for the binding's client side to call.
 * 3. A driver that calls a COM object exported by the binding (the callback wrapper) from C.
 *
 * COM methods use the platform C convention here (x64: no stdcall).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef int32_t HRESULT;
typedef uint32_t ULONG;
typedef uint16_t WCHAR;
typedef struct { uint32_t Data1; uint16_t Data2; uint16_t Data3; uint8_t Data4[8]; } GUID;
typedef struct { uint32_t dwLowDateTime; uint32_t dwHighDateTime; } FILETIME;
typedef struct { uint64_t BytesTotal; uint64_t BytesTransferred; ULONG FilesTotal; ULONG FilesTransferred; } BG_JOB_PROGRESS;
typedef struct { FILETIME CreationTime; FILETIME ModificationTime; FILETIME TransferCompletionTime; } BG_JOB_TIMES;
typedef struct { uint64_t BytesTotal; uint64_t BytesTransferred; int32_t Completed; } BG_FILE_PROGRESS;
typedef struct { uint64_t InitialOffset; uint64_t Length; } BG_FILE_RANGE;
typedef struct { WCHAR *RemoteName; WCHAR *LocalName; } BG_FILE_INFO;
typedef struct {
    WCHAR *fileId; WCHAR *sourceURL;
    uint64_t fileSize, totalBytesDownloaded, bytesFromLanPeers, bytesFromGroupPeers, bytesFromInternetPeers,
             bytesFromHttp, bytesFromDoinc, bytesToLanPeers, bytesToGroupPeers, bytesToInternetPeers;
    uint32_t httpConnectionCount, doincConnectionCount, lanConnectionCount, groupConnectionCount,
             internetConnectionCount, downloadDuration;
    int32_t downloadMode, status, isBackground;
} DOSwarmStats;

#define L(out, n, v) ((out)[(n)++] = (int) (v))

/* size, alignment, then every field offset in declaration order; returns the count written. */
int layout_job_progress(int *o) { int n = 0; L(o, n, sizeof(BG_JOB_PROGRESS)); L(o, n, _Alignof(BG_JOB_PROGRESS));
    L(o, n, offsetof(BG_JOB_PROGRESS, BytesTotal)); L(o, n, offsetof(BG_JOB_PROGRESS, BytesTransferred));
    L(o, n, offsetof(BG_JOB_PROGRESS, FilesTotal)); L(o, n, offsetof(BG_JOB_PROGRESS, FilesTransferred)); return n; }
int layout_job_times(int *o) { int n = 0; L(o, n, sizeof(BG_JOB_TIMES)); L(o, n, _Alignof(BG_JOB_TIMES));
    L(o, n, offsetof(BG_JOB_TIMES, CreationTime)); L(o, n, offsetof(BG_JOB_TIMES, ModificationTime));
    L(o, n, offsetof(BG_JOB_TIMES, TransferCompletionTime)); return n; }
int layout_file_progress(int *o) { int n = 0; L(o, n, sizeof(BG_FILE_PROGRESS)); L(o, n, _Alignof(BG_FILE_PROGRESS));
    L(o, n, offsetof(BG_FILE_PROGRESS, BytesTotal)); L(o, n, offsetof(BG_FILE_PROGRESS, BytesTransferred));
    L(o, n, offsetof(BG_FILE_PROGRESS, Completed)); return n; }
int layout_file_range(int *o) { int n = 0; L(o, n, sizeof(BG_FILE_RANGE)); L(o, n, _Alignof(BG_FILE_RANGE));
    L(o, n, offsetof(BG_FILE_RANGE, InitialOffset)); L(o, n, offsetof(BG_FILE_RANGE, Length)); return n; }
int layout_file_info(int *o) { int n = 0; L(o, n, sizeof(BG_FILE_INFO)); L(o, n, _Alignof(BG_FILE_INFO));
    L(o, n, offsetof(BG_FILE_INFO, RemoteName)); L(o, n, offsetof(BG_FILE_INFO, LocalName)); return n; }
int layout_swarm_stats(int *o) { int n = 0; L(o, n, sizeof(DOSwarmStats)); L(o, n, _Alignof(DOSwarmStats));
    L(o, n, offsetof(DOSwarmStats, fileId)); L(o, n, offsetof(DOSwarmStats, sourceURL));
    L(o, n, offsetof(DOSwarmStats, fileSize)); L(o, n, offsetof(DOSwarmStats, totalBytesDownloaded));
    L(o, n, offsetof(DOSwarmStats, bytesFromLanPeers)); L(o, n, offsetof(DOSwarmStats, bytesFromGroupPeers));
    L(o, n, offsetof(DOSwarmStats, bytesFromInternetPeers)); L(o, n, offsetof(DOSwarmStats, bytesFromHttp));
    L(o, n, offsetof(DOSwarmStats, bytesFromDoinc)); L(o, n, offsetof(DOSwarmStats, bytesToLanPeers));
    L(o, n, offsetof(DOSwarmStats, bytesToGroupPeers)); L(o, n, offsetof(DOSwarmStats, bytesToInternetPeers));
    L(o, n, offsetof(DOSwarmStats, httpConnectionCount)); L(o, n, offsetof(DOSwarmStats, doincConnectionCount));
    L(o, n, offsetof(DOSwarmStats, lanConnectionCount)); L(o, n, offsetof(DOSwarmStats, groupConnectionCount));
    L(o, n, offsetof(DOSwarmStats, internetConnectionCount)); L(o, n, offsetof(DOSwarmStats, downloadDuration));
    L(o, n, offsetof(DOSwarmStats, downloadMode)); L(o, n, offsetof(DOSwarmStats, status));
    L(o, n, offsetof(DOSwarmStats, isBackground)); return n; }

/* ---- a C IBackgroundCopyJob ---- */

#define S_OK ((HRESULT) 0)
#define E_NOTIMPL ((HRESULT) 0x80004001)
#define E_NOINTERFACE ((HRESULT) 0x80004002)
#define BG_S_PARTIAL_COMPLETE ((HRESULT) 0x00200017)
#define BG_E_INVALID_STATE ((HRESULT) 0x80200002)

typedef void *(*Allocator)(size_t);

typedef struct CJob CJob;
typedef struct {
    HRESULT (*QueryInterface)(CJob *, const GUID *, void **);
    ULONG (*AddRef)(CJob *);
    ULONG (*Release)(CJob *);
    HRESULT (*AddFileSet)(CJob *, ULONG, BG_FILE_INFO *);
    HRESULT (*AddFile)(CJob *, const WCHAR *, const WCHAR *);
    HRESULT (*EnumFiles)(CJob *, void **);
    HRESULT (*Suspend)(CJob *);
    HRESULT (*Resume)(CJob *);
    HRESULT (*Cancel)(CJob *);
    HRESULT (*Complete)(CJob *);
    HRESULT (*GetId)(CJob *, GUID *);
    HRESULT (*GetType)(CJob *, int32_t *);
    HRESULT (*GetProgress)(CJob *, BG_JOB_PROGRESS *);
    HRESULT (*GetTimes)(CJob *, BG_JOB_TIMES *);
    HRESULT (*GetState)(CJob *, int32_t *);
    HRESULT (*GetError)(CJob *, void **);
    HRESULT (*GetOwner)(CJob *, WCHAR **);
    HRESULT (*SetDisplayName)(CJob *, const WCHAR *);
    HRESULT (*GetDisplayName)(CJob *, WCHAR **);
    /* slots 19..34 all answer E_NOTIMPL through the same generic entry */
    void *rest[16];
} CJobVtbl;

struct CJob { const CJobVtbl *vtbl; ULONG refs; Allocator alloc; WCHAR name[64]; ULONG name_len; };

static const GUID IID_IUnknown_ = {0x00000000, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IBackgroundCopyJob_ = {0x37668D37, 0x507E, 0x4160, {0x93, 0x16, 0x26, 0x30, 0x6D, 0x15, 0x0B, 0x12}};

static HRESULT job_qi(CJob *self, const GUID *iid, void **out) {
    if (memcmp(iid, &IID_IUnknown_, sizeof(GUID)) == 0 || memcmp(iid, &IID_IBackgroundCopyJob_, sizeof(GUID)) == 0) {
        self->refs++;
        *out = self;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
static ULONG job_addref(CJob *self) { return ++self->refs; }
static ULONG job_release(CJob *self) { return --self->refs; }
static HRESULT job_notimpl(void) { return E_NOTIMPL; }
static HRESULT job_addfileset(CJob *s, ULONG n, BG_FILE_INFO *f) { (void) s; (void) n; (void) f; return E_NOTIMPL; }
static HRESULT job_addfile(CJob *s, const WCHAR *a, const WCHAR *b) { (void) s; (void) a; (void) b; return E_NOTIMPL; }
static HRESULT job_enumfiles(CJob *s, void **o) { (void) s; *o = NULL; return E_NOTIMPL; }
static HRESULT job_suspend(CJob *s) { (void) s; return S_OK; }
static HRESULT job_resume(CJob *s) { (void) s; return BG_E_INVALID_STATE; }
static HRESULT job_cancel(CJob *s) { (void) s; return S_OK; }
static HRESULT job_complete(CJob *s) { (void) s; return BG_S_PARTIAL_COMPLETE; }
static HRESULT job_getid(CJob *s, GUID *id) {
    (void) s;
    static const GUID fixed = {0x01234567, 0x89AB, 0xCDEF, {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF}};
    *id = fixed;
    return S_OK;
}
static HRESULT job_gettype(CJob *s, int32_t *t) { (void) s; *t = 0; return S_OK; }
static HRESULT job_getprogress(CJob *s, BG_JOB_PROGRESS *p) {
    (void) s;
    p->BytesTotal = UINT64_MAX;            /* BG_SIZE_UNKNOWN */
    p->BytesTransferred = 0x8000000000000001ULL;
    p->FilesTotal = 0xFFFFFFFFu;
    p->FilesTransferred = 7;
    return S_OK;
}
static HRESULT job_gettimes(CJob *s, BG_JOB_TIMES *t) {
    (void) s;
    t->CreationTime.dwLowDateTime = 0xD53E8000u; t->CreationTime.dwHighDateTime = 0x019DB1DEu; /* 1970-01-01 */
    t->ModificationTime.dwLowDateTime = 0xFFFFFFFFu; t->ModificationTime.dwHighDateTime = 0x01000000u;
    t->TransferCompletionTime.dwLowDateTime = 0; t->TransferCompletionTime.dwHighDateTime = 0;
    return S_OK;
}
static HRESULT job_getstate(CJob *s, int32_t *st) { (void) s; *st = 6; return S_OK; }
static HRESULT job_geterror(CJob *s, void **e) { (void) s; *e = NULL; return (HRESULT) 0x8020000F; }
static HRESULT job_getowner(CJob *s, WCHAR **o) { (void) s; *o = NULL; return E_NOTIMPL; }
static HRESULT job_setdisplayname(CJob *self, const WCHAR *name) {
    ULONG n = 0;
    while (name[n] != 0 && n < 63) { self->name[n] = name[n]; n++; }
    self->name[n] = 0;
    self->name_len = n;
    return S_OK;
}
static HRESULT job_getdisplayname(CJob *self, WCHAR **out) {
    WCHAR *copy = self->alloc((self->name_len + 1) * sizeof(WCHAR));
    memcpy(copy, self->name, (self->name_len + 1) * sizeof(WCHAR));
    *out = copy;
    return S_OK;
}

static CJobVtbl job_vtbl = {
    job_qi, job_addref, job_release, job_addfileset, job_addfile, job_enumfiles, job_suspend, job_resume,
    job_cancel, job_complete, job_getid, job_gettype, job_getprogress, job_gettimes, job_getstate, job_geterror,
    job_getowner, job_setdisplayname, job_getdisplayname,
    {0}
};

static CJob the_job;

/* A new C job with one reference; strings it returns come from alloc (the runtime's CoTaskMemAlloc). */
void *c_job_create(Allocator alloc) {
    for (int i = 0; i < 16; i++) job_vtbl.rest[i] = (void *) job_notimpl;
    the_job.vtbl = &job_vtbl;
    the_job.refs = 1;
    the_job.alloc = alloc;
    the_job.name[0] = 0;
    the_job.name_len = 0;
    return &the_job;
}

ULONG c_job_refs(void) { return the_job.refs; }

/* ---- driving a COM object exported by the binding ---- */

typedef struct Unk Unk;
typedef struct {
    HRESULT (*QueryInterface)(Unk *, const GUID *, void **);
    ULONG (*AddRef)(Unk *);
    ULONG (*Release)(Unk *);
    HRESULT (*JobTransferred)(Unk *, void *);
    HRESULT (*JobError)(Unk *, void *, void *);
    HRESULT (*JobModification)(Unk *, void *, uint32_t);
    HRESULT (*FileTransferred)(Unk *, void *, void *);
} CallbackVtbl;
struct Unk { const CallbackVtbl *vtbl; };

/*
 * What a service does with a registered callback: QueryInterface for IBackgroundCopyCallback, call
 * JobTransferred and JobModification with a job, QueryInterface for an interface it must refuse,
 * release. Results: [qi hr, same pointer?, AddRef, Release, JobTransferred hr, JobModification hr,
 * refused qi hr, refused out NULL?, final Release].
 */
int c_drive_callback(void *unknown, const GUID *iid_callback, const GUID *iid_refused, void *job, int *r) {
    Unk *u = unknown;
    void *cb = NULL;
    int n = 0;
    r[n++] = u->vtbl->QueryInterface(u, iid_callback, &cb);
    r[n++] = cb == unknown;
    Unk *c = cb;
    r[n++] = (int) c->vtbl->AddRef(c);
    r[n++] = (int) c->vtbl->Release(c);
    r[n++] = c->vtbl->JobTransferred(c, job);
    r[n++] = c->vtbl->JobModification(c, job, 0);
    void *refused = (void *) 1;
    r[n++] = u->vtbl->QueryInterface(u, iid_refused, &refused);
    r[n++] = refused == NULL;
    r[n++] = (int) c->vtbl->Release(c);
    return n;
}
