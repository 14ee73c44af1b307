// SPDX-License-Identifier: Apache-2.0
/**
 * The demo's stand-ins for Lima: a simulated host agent and driver that are real processes
 * of this OS (the CLI's own jar, re-launched), and a throw-away Lima home laid out as Lima
 * lays it out, so that the real stopper can be watched at work without a VM.
 */
package dev.lifecycle.examples.demo;
