/**
 * {@code bgcopy}, a cross-platform bitsadmin: the command line over the {@code IBackgroundCopyJob}
 * contract, with progress bars, JSON output and the one-command demo. Only the entry point is exported;
 * the commands live in {@code dev.bgcopy.cli.internal}, opened to picocli, which reads their annotations.
 */
module dev.bgcopy.cli {
    requires dev.bgcopy.api;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires com.fasterxml.jackson.jr.ob;
    requires dev.bgcopy.mockwebserver;
    requires java.logging;

    exports dev.bgcopy.cli;

    opens dev.bgcopy.cli to info.picocli;
    opens dev.bgcopy.cli.internal to info.picocli;

    uses dev.bgcopy.api.BackgroundCopyProvider;
}
