package io.rosterline.api.district;

import io.quarkus.runtime.StartupEvent;
import io.rosterline.api.common.RosterlineConfig;
import io.rosterline.api.district.DistrictDtos.DistrictCreate;
import io.rosterline.api.district.DistrictDtos.NightlyWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.UUID;

/** Seeds the demo districts for the local run, so the demo logins have something to see. */
@ApplicationScoped
public class DemoSeeder {

    public static final UUID HARBOR = UUID.fromString("d1000000-0000-4000-8000-000000000001");
    public static final UUID LAKESIDE = UUID.fromString("d2000000-0000-4000-8000-000000000002");
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    @Inject
    RosterlineConfig config;
    @Inject
    DistrictService districts;

    @ActivateRequestContext
    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (!config.demo().seed()) {
            return;
        }
        seed(HARBOR, "Harbor Unified", "CA", "America/Los_Angeles");
        seed(LAKESIDE, "Lakeside County Schools", "WA", "America/Los_Angeles");
    }

    private void seed(UUID id, String name, String state, String timezone) {
        if (District.findById(id) == null) {
            districts.create(new DistrictCreate(id, name, state, null, timezone, RosterPlatform.ONEROSTER_API,
                    new NightlyWindow("00:00", "02:00")));
            LOG.infof("Seeded demo district %s (%s)", name, id);
        }
    }
}
