package io.rosterline.sis.oneroster;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.rosterline.sis.oneroster.RestFixtures.BASE_PATH;
import static io.rosterline.sis.oneroster.RestFixtures.quickRetries;
import static io.rosterline.sis.oneroster.RestFixtures.reader;
import static io.rosterline.sis.oneroster.RestFixtures.usersPage;
import static org.junit.jupiter.api.Assertions.*;

/** The reader asks for page N+1 while it parses page N, without changing what is delivered or in which order. */
class PagePrefetchTest {

    @RegisterExtension
    static WireMockExtension sis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USERS = BASE_PATH + "/users";

    @BeforeEach
    void reset() {
        sis.resetAll();
    }

    private static int requestsFor(String offset) {
        return sis.findAll(getRequestedFor(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo(offset))).size();
    }

    /** Waits (bounded) until the server has seen a request for that offset; true when it did. */
    private static boolean serverSawWithin(String offset, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (requestsFor(offset) > 0) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void givenAServerWithTotals_whenTheFirstPageIsStillBeingConsumed_thenTheSecondIsAlreadyRequestedButNoThird() {
        for (int page = 0; page < 3; page++) {
            sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo(Integer.toString(page * 4)))
                    .willReturn(okJson(usersPage(page * 4, page * 4 + 4)).withHeader("X-Total-Count", "12")));
        }
        AtomicReference<Boolean> secondRequestedDuringFirst = new AtomicReference<>();
        AtomicInteger thirdRequestsDuringFirst = new AtomicInteger(-1);
        List<String> ids = new ArrayList<>();

        reader(sis.getPort(), Authenticator.none(), 4, quickRetries()).read(RosterCollection.USERS, null, r -> {
            if (ids.isEmpty()) {
                secondRequestedDuringFirst.set(serverSawWithin("4", 5000));
                thirdRequestsDuringFirst.set(requestsFor("8"));
            }
            ids.add(r.sourcedId());
        }, new ReadReport());

        assertTrue(secondRequestedDuringFirst.get(), "page 2 must be requested while page 1 is consumed");
        assertEquals(0, thirdRequestsDuringFirst.get(), "at most one page is fetched ahead");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add("u-%05d".formatted(i));
        }
        assertEquals(expected, ids, "records arrive complete and strictly in order");
        sis.verify(3, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenLinkHeaders_whenReading_thenTheNamedNextPageIsFetchedAheadAndTheLastPageAsksForNothingMore() {
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("0")).willReturn(okJson(usersPage(0, 3))
                .withHeader("Link", "<users?limit=3&offset=3&sort=sourcedId>; rel=\"next\"")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("3")).willReturn(okJson(usersPage(3, 5))
                .withHeader("Link", "<users?limit=3&offset=0&sort=sourcedId>; rel=\"first\"")));
        AtomicReference<Boolean> nextRequestedDuringFirst = new AtomicReference<>();
        List<String> ids = new ArrayList<>();

        reader(sis.getPort(), Authenticator.none(), 3, quickRetries()).read(RosterCollection.USERS, null, r -> {
            if (ids.isEmpty()) {
                nextRequestedDuringFirst.set(serverSawWithin("3", 5000));
            }
            ids.add(r.sourcedId());
        }, new ReadReport());

        assertTrue(nextRequestedDuringFirst.get());
        assertEquals(List.of("u-00000", "u-00001", "u-00002", "u-00003", "u-00004"), ids);
        sis.verify(2, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenAServerThatClampsTheLimit_whenTheGuessedOffsetIsWrong_thenThatPageIsDroppedAndNothingIsLostOrDoubled() {
        // Asked for 10, the server gives 4 at a time; the first guess (offset 10) is wrong, later ones follow the clamp.
        for (int offset = 0; offset < 12; offset += 4) {
            sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .willReturn(okJson(usersPage(offset, Math.min(offset + 4, 11))).withHeader("X-Total-Count", "11")));
        }
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("10"))
                .willReturn(okJson(usersPage(10, 11)).withHeader("X-Total-Count", "11")));
        List<RosterRecord> users = new ArrayList<>();

        ReadReport report = new ReadReport();
        reader(sis.getPort(), Authenticator.none(), 10, quickRetries()).read(RosterCollection.USERS, null, users::add, report);

        Set<String> ids = new HashSet<>();
        users.forEach(u -> ids.add(u.sourcedId()));
        assertEquals(11, users.size());
        assertEquals(11, ids.size());
        assertEquals(11, report.count(RosterCollection.USERS));
        // The one wrong guess (offset 10, made before the clamp was seen) may or may not have reached the server.
        assertTrue(requestsFor("10") <= 1);
        assertEquals(3, requestsFor("0") + requestsFor("4") + requestsFor("8"));
    }
}
