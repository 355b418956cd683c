package io.lowcode.localstack.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The RSA key pair that signs and verifies the platform's tokens locally and in tests, as PEM files in a
 * directory: {@code private.pem} (PKCS#8, owner-only) for the admin center, {@code public.pem} (X.509) for every
 * service. Created once and reused, so tokens survive a restart of the platform. Production mounts its own
 * pair from a Secret.
 */
public record TokenKeys(Path privateKey, Path publicKey) {

    /** The issuer the services expect unless configured otherwise. */
    public static final String ISSUER = "https://lowcode.io/admin-center";

    /** The keys in {@code directory}, generated there when absent. */
    public static TokenKeys in(Path directory) {
        TokenKeys keys = new TokenKeys(directory.resolve("private.pem"), directory.resolve("public.pem"));
        if (Files.isRegularFile(keys.privateKey) && Files.isRegularFile(keys.publicKey)) {
            return keys;
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(keys.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(keys.privateKey, Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on a file system without POSIX permissions
            }
            Files.writeString(keys.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token keys to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /**
     * The configuration that makes a {@code @QuarkusTest} verify tokens with this pair (and the admin center sign
     * them). The keys' contents, not their locations: in test mode smallrye-jwt configures a generated in-memory
     * pair by content, and content wins over a location.
     */
    public Map<String, String> quarkusConfig() {
        try {
            return Map.of("mp.jwt.verify.publickey", Files.readString(publicKey),
                    "smallrye.jwt.sign.key", Files.readString(privateKey),
                    "lowcode.auth.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration as environment variables, for a packaged service started as a process. */
    public Map<String, String> environment() {
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString(),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", privateKey.toString(),
                "LOWCODE_AUTH_ISSUER", ISSUER);
    }

    /** A signer with this pair's private key. */
    public JwtSigner signer() {
        return new JwtSigner(readPrivateKey(privateKey), ISSUER);
    }

    static PrivateKey readPrivateKey(Path file) {
        try {
            String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA private key: " + file, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
