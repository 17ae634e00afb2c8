package io.rosterline.sandbox;

/** Fixed name pools; records pick from them by hashed index, so names are deterministic per seed. */
final class Names {

    private Names() {
    }

    static final String[] FIRST = {
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Charlotte", "Mateo",
        "Ava", "Lucas", "Isabella", "Levi", "Mia", "Ezra", "Evelyn", "Asher", "Luna", "James",
        "Harper", "Leo", "Camila", "Luca", "Sofia", "Henry", "Scarlett", "Hudson", "Elizabeth", "Ethan",
        "Eleanor", "Muhammad", "Emily", "Jack", "Chloe", "Sebastian", "Mila", "Julian", "Violet", "Aiden",
        "Penelope", "Owen", "Gianna", "Samuel", "Aria", "Benjamin", "Abigail", "Daniel", "Ella", "Michael",
        "Avery", "Mason", "Hazel", "Elias", "Nora", "Jacob", "Layla", "Theo", "Lily", "Wyatt",
        "Aaliyah", "Kai", "Zoe", "Jayden", "Priya", "Diego", "Mei", "Omar", "Yuki", "Santiago",
        "Fatima", "Arjun", "Ximena", "Malik", "Nia", "Andre", "Leilani", "Tomas", "Ingrid", "Kofi"};

    static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Kim", "Patel", "Chen", "Okafor", "Haddad", "Novak", "Silva", "Kowalski", "Yamamoto", "Singh",
        "O'Brien", "Nakamura", "Dubois", "Rossi", "Larsen", "Ivanova", "Mensah", "Alvarez", "Khan", "Murphy"};

    static final String[] MIDDLE_INITIAL = {"A", "B", "C", "D", "E", "J", "K", "L", "M", "R", "S", "T"};

    static final String[] DISTRICT_PREFIX = {
        "Harbor", "Lakeside", "Cedar Valley", "Riverbend", "Pine Ridge", "Maple Grove", "Silver Creek", "Oak Hollow"};

    static final String[] SCHOOL_NAME = {
        "Washington", "Lincoln", "Jefferson", "Roosevelt", "Franklin", "Madison", "Adams", "Kennedy",
        "Hamilton", "Jackson", "Monroe", "Grant", "Lakeview", "Hillcrest", "Sunnyside", "Westwood",
        "Eastside", "Northgate", "Southridge", "Meadowbrook", "Brookside", "Fairview", "Parkview", "Riverside"};

    static final String[] SCHOOL_SUFFIX = {"Elementary School", "Middle School", "High School"};
}
