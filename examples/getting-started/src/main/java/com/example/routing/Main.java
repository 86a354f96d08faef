package com.example.routing;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

/** Starts CDI (Weld SE), looks up one route and prints it: {@code java -jar target/getting-started.jar alice}. */
public class Main {

    public static void main(String[] args) {
        String user = args.length > 0 ? args[0] : "alice";
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            RouteLookup lookup = container.select(RouteLookup.class).get();
            System.out.println(lookup.route(user));
        }
    }
}
