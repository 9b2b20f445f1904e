package io.switchboard.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sealing secrets at rest: what is stored reveals nothing, opens only with its key, and rotation keeps it readable. */
@Tag("fast")
class SecretBoxTest {

    private final String k1 = SecretBox.newKey("k1");
    private final String k2 = SecretBox.newKey("k2");

    @Test
    void aSealedSecretRevealsNothingAndOpensWithItsKey() {
        SecretBox box = SecretBox.of(k1);
        String sealed = box.seal("whsec_supersecret");
        assertThat(sealed).startsWith("sb1:k1:").doesNotContain("supersecret");
        assertThat(box.seal("whsec_supersecret")).as("a new nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("whsec_supersecret");
        assertThat(box.seal(null)).isNull();
        assertThat(box.open(null)).isNull();
    }

    @Test
    void aValueStoredBeforeSealingOpensAsItIsAndIsNotSealedWithTheKey() {
        SecretBox box = SecretBox.of(k1);
        assertThat(box.open("123456")).isEqualTo("123456");
        assertThat(box.isSealedWithSealingKey("123456")).isFalse();
        assertThat(box.isSealedWithSealingKey(box.seal("123456"))).isTrue();
    }

    @Test
    void rotationSealsWithTheNewKeyAndStillOpensWhatTheOldOneSealed() {
        String old = SecretBox.of(k1).seal("pin-654321");
        SecretBox rotated = SecretBox.of(k2 + "," + k1);
        assertThat(rotated.sealingKeyId()).isEqualTo("k2");
        assertThat(rotated.open(old)).isEqualTo("pin-654321");
        assertThat(rotated.isSealedWithSealingKey(old)).isFalse();
        assertThat(rotated.seal("x")).startsWith("sb1:k2:");
        assertThatThrownBy(() -> SecretBox.of(k2).open(old)).hasMessageContaining("key 'k1'");
    }

    @Test
    void anAlteredValueOrOneMovedToAnotherKeyDoesNotOpen() {
        SecretBox box = SecretBox.of(k1 + "," + k2.replace("k2:", "k3:"));
        String sealed = box.seal("secret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring("sb1:k1:".length()));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open("sb1:k1:" + Base64.getEncoder().encodeToString(raw)))
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> box.open(sealed.replace("sb1:k1:", "sb1:k3:"))).hasMessageContaining("does not open");
    }

    @Test
    void badKeySettingsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> SecretBox.of("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32");
        assertThatThrownBy(() -> SecretBox.of("no-colon")).hasMessageContaining("id:base64");
        assertThatThrownBy(() -> SecretBox.of(k1 + "," + k1)).hasMessageContaining("twice");
        assertThat(SecretBox.of(null).hasKeys()).isFalse();
        assertThatThrownBy(() -> SecretBox.of("").seal("x")).hasMessageContaining("switchboard.secrets.keys");
    }
}
