/**
 * The bgcopy contract bound with JNA onto the Windows COM servers: {@code windows-do} (Delivery
 * Optimization, {@code dosvc}) and {@code windows-bits} (BITS, {@code qmgr}). Use them through
 * {@link dev.bgcopy.api.BackgroundCopy}; the only public types are the two providers.
 */
package dev.bgcopy.windows;
