import BackpropCore
import Terminal
import TutorScript
import TutorUI

/// The full-screen tutor as the terminal loop sees it: TutorUI's pure state,
/// kept in a box so effects the loop hands back (open a lesson, save progress)
/// can act on it.
final class TutorAppBox {
    var state: AppState
    init(_ state: AppState) { self.state = state }
}

struct TutorApp: FullScreenApp {
    let box: TutorAppBox

    mutating func update(_ message: Message) -> [Effect] {
        box.state.update(message)
    }

    func view(width: Int, height: Int, unicode: Bool, color: Bool) -> ScreenBuffer {
        box.state.view(width: width, height: height, options: ViewOptions(unicode: unicode, color: color))
    }
}
