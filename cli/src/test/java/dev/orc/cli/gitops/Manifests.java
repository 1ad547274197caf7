package dev.orc.cli.gitops;

/** YAML documents as a user keeps them in Git. */
final class Manifests {
    private Manifests() {
    }

    static String configMap(String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  value: "%s"
                """.formatted(name, value);
    }

    /** A Deployment of {@code replicas} busybox web servers on image {@code image}, answering on port 8080. */
    static String deployment(String name, String image, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %3$d
                  selector:
                    matchLabels:
                      app: %1$s
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                        - name: web
                          image: %2$s
                          imagePullPolicy: IfNotPresent
                          ports:
                            - containerPort: 8080
                """.formatted(name, image, replicas);
    }
}
