// SPDX-License-Identifier: Apache-2.0
/**
 * How {@code lifecycle-cli.jar} starts fast, built with the jar: an application class-data
 * archive ({@code lifecycle-cli.jsa}) holding the classes the commands load, parsed and
 * verified once at package time, and the launchers ({@code lifecycle}, {@code lifecycle.cmd})
 * that start the jar with it. {@link dev.lifecycle.examples.startup.StartupTraining} runs
 * the commands once in a JVM that records the classes it loads;
 * {@link dev.lifecycle.examples.startup.Launchers} writes the launchers. Neither is used at
 * run time.
 */
package dev.lifecycle.examples.startup;
