/** The forge-neutral GitOps pipeline: config, change detection, state store, runs. */
package dev.strata.gitops;
