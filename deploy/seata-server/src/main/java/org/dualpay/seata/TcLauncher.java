package org.dualpay.seata;

import java.net.InetSocketAddress;

import io.seata.common.XID;
import io.seata.discovery.registry.MultiRegistryFactory;
import io.seata.discovery.registry.RegistryService;
import io.seata.server.ServerApplication;

/**
 * Starts the Seata TC with this project's settings ({@code dualpay-tc.yml} on top of the TC's own
 * {@code application.yml}) and, when {@code SEATA_ADVERTISE_IP} is set, registers the TC under that
 * address.
 *
 * <p>Why the second part: the 2.0.0 server never registers a loopback address. It accepts {@code -h}
 * only when {@code NetUtil.isValidIp(host, false)} holds, which is false for 127.0.0.1, and its
 * fallback picks the first non-loopback interface. On the local cluster everything talks over
 * 127.0.0.1, so after start-up the registration (and the address inside new XIDs) is moved to the
 * advertised address, on which the TC listens as well.
 */
public final class TcLauncher {

    private TcLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("spring.config.name") == null) {
            System.setProperty("spring.config.name", "application,dualpay-tc");
        }
        ServerApplication.main(args);

        String advertised = System.getenv("SEATA_ADVERTISE_IP");
        if (advertised == null || advertised.isBlank() || advertised.equals(XID.getIpAddress())) {
            return;
        }
        InetSocketAddress detected = new InetSocketAddress(XID.getIpAddress(), XID.getPort());
        InetSocketAddress wanted = new InetSocketAddress(advertised, XID.getPort());
        XID.setIpAddress(advertised);
        for (RegistryService<?> registry : MultiRegistryFactory.getInstances()) {
            registry.register(wanted);
            registry.unregister(detected);
        }
        System.out.println("dualpay: TC registered as " + advertised + ":" + wanted.getPort() + " instead of "
                + detected.getHostString() + ":" + detected.getPort());
    }
}
