import Testing
@testable import TutorScript

/// Student ids are forgiving: white space around them and letter case do not make another student.
@Suite struct StudentSeedTests {
    @Test("S1, s1 and ' s1 ' are one student; an empty id is no student")
    func normalized() {
        #expect(StudentSeed.normalized(" S1\t") == "s1")
        #expect(StudentSeed.normalized("Anna Lee") == "anna lee")
        #expect(StudentSeed.normalized("") == nil)
        #expect(StudentSeed.normalized("  \n") == nil)
        #expect(StudentSeed.seed(for: "S1 ") == StudentSeed.seed(for: "s1"))
        #expect(StudentSeed.seed(for: "s1") != StudentSeed.seed(for: "s2"))
    }
}
