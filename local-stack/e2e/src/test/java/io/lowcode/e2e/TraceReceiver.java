package io.lowcode.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP (protobuf) trace collector for the end-to-end tests: the packaged services export their spans to it
 * ({@link #environment()}), and tests look at who is whose child.
 */
final class TraceReceiver implements AutoCloseable {

    /** One span as a service exported it; ids in lower-case hex, {@code parentSpanId} empty for a root. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    TraceReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                record(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                byte[] ok = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse.getDefaultInstance()
                        .toByteArray();
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
                if (ok.length > 0) {
                    exchange.getResponseBody().write(ok);
                }
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** What a service needs to export its spans here, quickly. */
    Map<String, String> environment() {
        return Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
    }

    /** The spans of one trace received so far. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void record(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(KeyValue::getValue)
                    .map(v -> v.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name()));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
