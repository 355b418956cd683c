package io.lowcode.admincenter.access.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.CreateUser;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Creates the first admin from configuration ({@code lowcode.auth.bootstrap-admin.*}, a Secret in production) when
 * no account has that username — through the normal path, so the portal hears of it too. Retried every few seconds
 * until it succeeds: at start the schema may not be migrated yet. An existing account is never changed (a changed
 * password in the Secret does not reset it).
 */
@ApplicationScoped
public class AdminBootstrap {

    /** Every platform role: the first admin can do everything, including handing out roles. */
    static final List<String> ROLES = List.of(Roles.ADMIN, Roles.OPS, Roles.DEVELOPER, Roles.USER);

    private final AuthConfig config;
    private final UserAdministration users;
    private final PasswordHasher hasher;
    private final UnitOfWork work;
    private final AtomicBoolean done = new AtomicBoolean();

    public AdminBootstrap(AuthConfig config, UserAdministration users, PasswordHasher hasher, UnitOfWork work) {
        this.config = config;
        this.users = users;
        this.hasher = hasher;
        this.work = work;
    }

    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ensure() {
        AuthConfig.BootstrapAdmin admin = config.bootstrapAdmin();
        if (done.get() || admin.username().isEmpty() || admin.password().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String username = admin.username().get();
        CreateUser request = new CreateUser(username, "Platform administrator", admin.email(), admin.password().get(),
                ROLES);
        return hasher.hash(request.password())
                // published after the commit by the unit of work
                .flatMap(hash -> work.commit(() -> users.createIfAbsent(request, hash, new Caller("system", "bootstrap-admin"))))
                .map(created -> {
                    done.set(true);
                    if (created.value() == null) {
                        Log.debugf("bootstrap admin '%s' exists", username);
                    } else {
                        Log.infof("created the bootstrap admin '%s' (%s)", username, created.value().id());
                    }
                    return (Void) null;
                })
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("bootstrap admin '%s' not created yet (retrying): %s", username, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Whether the bootstrap admin exists (or none is configured). */
    public boolean done() {
        return done.get() || config.bootstrapAdmin().username().isEmpty();
    }
}
