package io.rosterline.sis;

/** The kinds of SIS source Rosterline reads. Names are the ones used on the command line and in the API. */
public enum SourceKind {
    ONEROSTER_REST("oneroster-rest"),
    ONEROSTER_CSV("oneroster-csv"),
    ONEROSTER12_REST("oneroster12-rest"),
    ONEROSTER12_CSV("oneroster12-csv"),
    POWERSCHOOL("powerschool");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SourceKind fromId(String id) {
        for (SourceKind k : values()) {
            if (k.id.equalsIgnoreCase(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown source kind '" + id + "'");
    }
}
