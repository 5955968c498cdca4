package org.dualpay.cluster;

import org.testcontainers.DockerClientFactory;

/**
 * Where the cluster the scenarios talk to runs, and what they need of it beyond HTTP and SQL: its
 * settings (addresses, credentials), its components' logs, and bringing back what a scenario killed,
 * stopped or froze.
 *
 * <ul>
 *   <li>{@link LocalCluster}: given in the environment ({@code deploy/local/cluster.sh env}, which
 *       {@code deploy/local/test.sh} exports): processes on this machine, logs in files.
 *   <li>{@link ComposeStack}: no cluster given and a Docker engine answers: the compose file brought
 *       up by Testcontainers, once for the whole run, logs read from the engine.
 * </ul>
 * With neither, every scenario fails at once saying how to get one: none is silently skipped.
 */
interface Deployment {

    /** A setting by the name {@code cluster.sh env} gives it (ORDER_URL, MYSQL_PASSWORD...), or null. */
    String setting(String name);

    /** Where a component's log stands now, to read only what comes after it. */
    Object logMark(String component);

    /** What a component logged after the mark (empty when it has no log). */
    String logSince(String component, Object mark);

    /** The addresses a service's instances may register in Nacos: loopback locally, containers' on compose. */
    java.util.Set<String> registrableIps(String service);

    /** Brings back every component that does not run, and waits until all are healthy and registered. */
    void ensureAllRunning();

    /** The deployment of this run, chosen once. */
    static Deployment current() {
        return Chosen.INSTANCE.get();
    }

    /** Chooses once; a failure to find or start one is remembered and given to every scenario. */
    final class Chosen {
        private static final Chosen INSTANCE = new Chosen();
        private Deployment deployment;
        private RuntimeException failure;

        synchronized Deployment get() {
            if (deployment == null && failure == null) {
                try {
                    deployment = choose();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return deployment;
        }

        private static Deployment choose() {
            if (LocalCluster.given()) {
                return new LocalCluster();
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ComposeStack.shared();
            }
            throw new IllegalStateException("No cluster to test against: ORDER_URL is not set and no Docker engine "
                    + "answers. Either run the scenarios with deploy/local/test.sh (it starts a local cluster), or "
                    + "start one with deploy/local/cluster.sh up and run: eval \"$(deploy/local/cluster.sh env)\" && "
                    + "./mvnw -Pcluster verify -pl deploy/cluster-tests; or start a Docker engine "
                    + "(deploy/docker/engine.sh), build the images (deploy/docker/images.sh, deploy/docker/secrets.sh) "
                    + "and run ./mvnw -Pcompose verify -pl common,deploy/cluster-tests: the compose stack is brought "
                    + "up through Testcontainers.");
        }
    }
}
