package org.dualpay.common.fault;

import java.util.Arrays;
import java.util.List;

/** The fault points a service declares (a bean of each service); the faults endpoint knows only these. */
public record FaultPointCatalog(List<FaultPoint> points) {

    public FaultPointCatalog {
        points = List.copyOf(points);
    }

    public static FaultPointCatalog of(FaultPoint... points) {
        return new FaultPointCatalog(Arrays.asList(points));
    }
}
