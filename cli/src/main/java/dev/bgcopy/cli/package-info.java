/**
 * {@code bgcopy}: the command line over the {@code IBackgroundCopyJob} contract ({@link dev.bgcopy.cli.Bgcopy}).
 */
package dev.bgcopy.cli;
