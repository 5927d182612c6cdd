package dev.evalplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.evalplane.testsupport.ServiceProcess;

/** A service JVM's memory as Linux counts it: peak resident set (VmHWM) since the process started. */
final class ServiceMemory {

    /** Peak RSS in MiB, or -1 when /proc does not say (not Linux, process gone). */
    static long peakRssMib(ServiceProcess service) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private ServiceMemory() {
    }
}
