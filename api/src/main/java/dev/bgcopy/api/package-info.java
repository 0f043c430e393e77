/**
 * The {@code IBackgroundCopyJob} contract of Windows Delivery Optimization and BITS, in Java.
 *
 * <p>Names follow the native ones in Java casing, so the Microsoft reference applies method by method:
 * {@link dev.bgcopy.api.IBackgroundCopyManager}, {@link dev.bgcopy.api.IBackgroundCopyJob},
 * {@link dev.bgcopy.api.IBackgroundCopyFile}, {@link dev.bgcopy.api.IBackgroundCopyError},
 * {@link dev.bgcopy.api.IBackgroundCopyCallback}; structs are records ({@link dev.bgcopy.api.BgJobProgress}
 * is {@code BG_JOB_PROGRESS}); enumerations are enums with their native numbers; every failure is a
 * {@link dev.bgcopy.api.BackgroundCopyException} carrying the {@link dev.bgcopy.api.HResult}.
 * Implementations are found with {@link dev.bgcopy.api.BackgroundCopy}.
 */
package dev.bgcopy.api;
