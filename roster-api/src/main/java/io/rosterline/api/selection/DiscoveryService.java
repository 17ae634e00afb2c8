package io.rosterline.api.selection;

import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.selection.DiscoveryDtos.RefreshResult;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.SisException;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Org;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Refreshes the discovery cache from the district's SIS. The SIS is read outside any database transaction (it can take
 * a while); only the upsert runs in one (see {@link DiscoveryCache}).
 */
@ApplicationScoped
public class DiscoveryService {

    @Inject
    SisDirectory directory;
    @Inject
    DiscoveryCache cache;
    @Inject
    SchoolService schools;

    public RefreshResult refreshSchools(UUID districtId) {
        List<Org> found = read(districtId, RosterReader::listSchools);
        return cache.schools(districtId, found);
    }

    public RefreshResult refreshCourses(UUID districtId) {
        List<String> included = schools.includedSourcedIds(districtId);
        if (included.isEmpty()) {
            throw ProblemException.conflict("Choose at least one school first; courses are loaded for the chosen schools.");
        }
        List<Course> found = read(districtId, reader -> reader.listCourses(included));
        return cache.courses(districtId, included, found);
    }

    public RefreshResult refreshTerms(UUID districtId) {
        List<AcademicSession> found = read(districtId, RosterReader::listAcademicSessions);
        return cache.terms(districtId, found);
    }

    private <T> List<T> read(UUID districtId, Function<RosterReader, List<T>> what) {
        io.rosterline.api.district.District.require(districtId);
        try (RosterReader reader = directory.open(districtId)) {
            return what.apply(reader);
        } catch (SisException e) {
            // The connector's messages are written for district admins and never carry secrets.
            throw new ProblemException(ProblemType.UPSTREAM, e.getMessage());
        }
    }
}
