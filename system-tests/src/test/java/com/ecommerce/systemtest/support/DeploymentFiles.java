package com.ecommerce.systemtest.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deployment files are: {@code docker/} of the repository (system property {@code docker.dir}, set by the
 * build). A test may point it at another copy, for example the files of an older commit.
 */
public final class DeploymentFiles {

    private DeploymentFiles() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("docker.dir", "../docker"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The deployment files " + dir.toAbsolutePath() + " do not exist (system "
                    + "property docker.dir, set by the build to the repository's docker/ folder).");
        }
        return dir;
    }

    public static Dockerfile dockerfile() {
        return Dockerfile.read(dir().resolve("Dockerfile"));
    }

    /** The grants of the service's database user, run by the mysql image (see compose.yaml). */
    public static Path grants() {
        return dir().resolve("mysql/orders-grants.sql");
    }

    public static Path nginxConf() {
        return dir().resolve("nginx.conf");
    }
}
