/**
 * The bgcopy simulator: a pure-Java implementation of the {@code IBackgroundCopyJob} contract.
 *
 * <p>{@link dev.bgcopy.simulator.Simulator#newManager(SimulatorConfig)} returns a
 * {@link dev.bgcopy.simulator.SimulatorManager}, an {@code IBackgroundCopyManager} that really
 * transfers http, https and file URLs, and that becomes a deterministic test double when its
 * {@link dev.bgcopy.simulator.SimulatorConfig} carries a {@link dev.bgcopy.simulator.VirtualClock} and a
 * {@link dev.bgcopy.simulator.ScriptedNetwork}. Applications without test needs use
 * {@code BackgroundCopy.open("simulator", options)}. Everything else in this package is
 * package-private engine code.
 */
package dev.bgcopy.simulator;
