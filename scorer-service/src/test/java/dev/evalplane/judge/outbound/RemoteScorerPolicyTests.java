package dev.evalplane.judge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The operator's remote scorer policy on its own: entries, spellings of internal addresses, names and ranges. */
class RemoteScorerPolicyTests {

    @Test
    void withNoEntriesRemoteScorersAreRefusedSayingHowToEnableThem() {
        RemoteScorerPolicy none = new RemoteScorerPolicy(List.of());
        assertThatThrownBy(() -> none.target("https://scorers.example.com/score"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remote scorers are disabled on this server")
                .hasMessageContaining("evalplane.remote-scorers.allowed-hosts")
                .hasMessageContaining("EVALPLANE_REMOTE_SCORERS_ALLOWED_HOSTS");
    }

    @Test
    void hostileSpellingsOfInternalAddressesAreRefusedEvenWithPublicHostsAllowed() {
        RemoteScorerPolicy policy = new RemoteScorerPolicy(List.of("scorers.example.com", "*.scorers.example.net",
                "203.0.114.0/24", "localhost"));
        List<String> hostile = List.of("http://127.0.0.1/", "http://localhost/", "http://LOCALHOST./x",
                "http://0.0.0.0/", "http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://127.1/",
                "http://0177.0.0.1/", "http://017.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
                "http://[::1]/", "http://[::]/", "http://[::127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/",
                "http://[2002:a9fe:a9fe::]/", "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[fd12::1]/",
                "http://[fec0::1]/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
                "http://172.31.0.1/", "http://192.168.0.1/", "http://100.100.100.200/", "http://224.0.0.251/",
                "http://239.255.255.250/", "http://255.255.255.255/", "http://[ff02::1]/", "http://198.18.0.1/",
                "file:///etc/passwd", "ftp://scorers.example.com/", "gopher://scorers.example.com/",
                "https://user:pw@scorers.example.com/", "https://scorers.example.com@127.0.0.1/",
                "https://127.0.0.1#@scorers.example.com/", "https://evil.example.com/", "https://example.com/",
                "https://scorers.example.net/", "https://scorers.example.com.evil.net/", "http:///x", "not a url");
        for (String url : hostile) {
            assertThatThrownBy(() -> policy.resolve(policy.target(url))).as(url)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aListedNameReachesOnlyPublicAddressesAndRangesAdmitWhatTheyHold() {
        RemoteScorerPolicy byName = new RemoteScorerPolicy(List.of("localhost"));
        assertThatThrownBy(() -> byName.resolve(byName.target("http://localhost:8099/score")))
                .hasMessageContaining("host localhost (127.0.0.1) is a loopback address")
                .hasMessageContaining("lists it or a CIDR range holding it");

        RemoteScorerPolicy loopbackPort = new RemoteScorerPolicy(List.of("127.0.0.1:8099", "[fd00::/8]:443"));
        assertThat(loopbackPort.resolve(loopbackPort.target("http://127.0.0.1:8099/score")).getPort()).isEqualTo(8099);
        assertThat(loopbackPort.target("http://127.0.0.1:8099/score?x=1").pathAndQuery()).isEqualTo("/score?x=1");
        assertThatThrownBy(() -> loopbackPort.target("http://127.0.0.1:8098/score"))
                .hasMessage("address 127.0.0.1 is a loopback address; remote scorers reach such an address only when"
                        + " evalplane.remote-scorers.allowed-hosts lists it or a CIDR range holding it, with port 8098");
        assertThatThrownBy(() -> loopbackPort.target("http://127.0.0.2:8099/score"))
                .hasMessageContaining("a loopback address");
        assertThat(loopbackPort.target("https://[fd00::12]/").port()).isEqualTo(443);
        assertThatThrownBy(() -> loopbackPort.target("http://[fd00::12]/")).hasMessageContaining("port 80");
    }

    @Test
    void badEntriesStopTheServiceFromStarting() {
        for (String entry : List.of("0.0.0.0/0", "::/0", "10.0.0.0/33", "host:99999", "http://x", "a b", "2130706433",
                "[::1")) {
            assertThatThrownBy(() -> new RemoteScorerPolicy(List.of(entry))).as(entry)
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(RemoteScorerPolicy.KEY);
        }
    }

    @Test
    void everySpecialRangeIsNamed() {
        assertThat(SpecialAddresses.kind(IpLiterals.parse("8.8.8.8"))).isNull();
        assertThat(SpecialAddresses.kind(IpLiterals.parse("2606:4700::1111"))).isNull();
        assertThat(SpecialAddresses.kind(IpLiterals.parse("::ffff:10.0.0.1"))).isEqualTo("private");
        assertThat(SpecialAddresses.kind(IpLiterals.parse("64:ff9b::7f00:1"))).startsWith("loopback (127.0.0.1 inside");
        assertThat(IpLiterals.parse("2130706433")).isNull();
        assertThat(IpLiterals.isNonStandardNumber("0x7f.1")).isTrue();
        assertThat(IpLiterals.isNonStandardNumber("1e100.net")).isFalse();
    }
}
