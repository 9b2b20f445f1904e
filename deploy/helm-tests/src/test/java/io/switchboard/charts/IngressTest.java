package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a service's Ingress publishes: by default only what must be public (channel-service's webhook path, the other
 * services' API), never the health, metrics and OpenAPI endpoints under {@code /q}; any host a DNS name can be, with the
 * TLS Secret the platform team names.
 */
class IngressTest {

    private static Ingress ingress(String chart, String valuesYaml) {
        return Charts.template(chart, valuesYaml).all(Ingress.class).stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one Ingress");
                })
                .orElseThrow(() -> new AssertionError("no Ingress"));
    }

    private static List<String> paths(Ingress ingress) {
        return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .map(HTTPIngressPath::getPath)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            channel-service       | /v1/provider/webhooks
            message-queue-service | /v1
            notification-service  | /v1
            billing-service       | /v1
            """)
    void byDefaultOnlyTheServicesPublicPathIsRoutedNeverQ(String chart, String path) {
        Ingress ingress = ingress(chart, "ingress: {enabled: true, hostname: hooks.example.com}");
        assertThat(paths(ingress)).containsExactly(path);
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths()).allSatisfy(route -> {
            assertThat(route.getPathType()).isEqualTo("Prefix");
            assertThat(route.getBackend().getService().getName()).isEqualTo("switchboard-" + chart);
        });
    }

    @Test
    void morePathsCanBeRouted() {
        Ingress ingress = ingress(
                "channel-service",
                "ingress: {enabled: true, hostname: api.example.com, paths: [/v1/provider/webhooks, /v1/channels]}");
        assertThat(paths(ingress)).containsExactly("/v1/provider/webhooks", "/v1/channels");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/q", "/q/metrics"})
    void aPathThatWouldPublishTheManagementEndpointsIsRefused(String path) {
        assertThatThrownBy(() -> Charts.template(
                        "billing-service",
                        "ingress: {enabled: true, hostname: api.example.com, paths: [\"" + path + "\"]}"))
                .hasMessageContaining("ingress.paths has " + path)
                .hasMessageContaining("would publish /q");
    }

    @Test
    void aWildcardHostWithTlsRendersWithTheSecretNamed() {
        Ingress ingress = ingress(
                "channel-service",
                "ingress: {enabled: true, hostname: '*.hooks.example.com', tls: true, tlsSecret: wildcard-cert}");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("*.hooks.example.com");
        IngressTLS tls = ingress.getSpec().getTls().get(0);
        assertThat(tls.getHosts()).containsExactly("*.hooks.example.com");
        assertThat(tls.getSecretName()).isEqualTo("wildcard-cert");
    }

    @Test
    void withoutASecretNameTheTlsSecretIsNamedAfterTheService() {
        Ingress ingress = ingress("channel-service", "ingress: {enabled: true, hostname: '*.example.com', tls: true}");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("switchboard-channel-service-tls");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://hooks.example.com", "hooks.example.com:443", "Hooks.Example.com", "hooks..com"})
    void aHostThatIsNotADnsNameIsRefused(String host) {
        assertThatThrownBy(
                        () -> Charts.template("channel-service", "ingress: {enabled: true, hostname: '" + host + "'}"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("hostname"); // "/ingress/hostname" or "ingress.hostname", as Helm versions say
    }

    @Test
    void aTlsSecretNameKubernetesWouldRefuseIsRefused() {
        assertThatThrownBy(() -> Charts.template(
                        "channel-service",
                        "ingress: {enabled: true, hostname: a.example.com, tls: true, tlsSecret: Wildcard_Cert}"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("tlsSecret");
    }
}
