import ArgumentParser

@main
struct RasidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rasid",
        abstract: "Arabic named-entity and relation extraction: people, titles, parties, places, posts.",
        subcommands: [Extract.self, Explain.self, Render.self, Export.self, GazetteerCommand.self, Tokenize.self, Evaluate.self, Convert.self]
    )
}
