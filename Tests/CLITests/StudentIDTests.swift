import Testing

/// Student ids are forgiving: white space around them and letter case do not make
/// another student; an empty id is an error.
@Suite struct StudentIDTests {
    @Test("run and check see one student in 'S1 ' and 's1'; --seed '' is a usage error")
    func commandLine() throws {
        let upper = try bptutor("run", "03-logistic-least-squares", "--seed", "S1 ", "--json")
        let lower = try bptutor("run", "03-logistic-least-squares", "--seed", "s1", "--json")
        #expect(upper.status == 0)
        #expect(upper.stdout == lower.stdout)
        let other = try bptutor("run", "03-logistic-least-squares", "--seed", "s2", "--json")
        #expect(other.stdout != lower.stdout)
        for empty in ["", "   "] {
            let r = try bptutor("check", "03-logistic-least-squares", "-", "--seed", empty, input: "q1 = 1\n")
            #expect(r.status != 0 && r.status != 1)
            #expect(r.stderr.contains("--seed needs a student id"), "\(r.stderr)")
        }
    }
}
