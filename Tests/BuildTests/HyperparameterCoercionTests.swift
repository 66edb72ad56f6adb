import Foundation
import Manifest
import TestSupport
import Testing

@testable import Build

/// `--set` text is read with one grammar, which the trainer's flags share: both sides run the cases
/// of Fixtures/hyperparameters/coercion.json (the Python side in Tests/Python/test_trainer_units.py).
@Suite struct HyperparameterCoercionTests {
    struct Case: Decodable, CustomStringConvertible {
        var type: String
        var text: String
        var value: Expected?

        var description: String { "\(type) \(text.debugDescription)" }
    }

    enum Expected: Decodable, Equatable {
        case bool(Bool)
        case number(Double)
        case text(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    struct Cases: Decodable {
        var cases: [Case]
    }

    static let cases: [Case] = {
        let url = TestEnvironment.repositoryRoot.appendingPathComponent(
            "Fixtures/hyperparameters/coercion.json")
        guard let data = try? Data(contentsOf: url),
            let decoded = try? JSONDecoder().decode(Cases.self, from: data)
        else { return [] }
        return decoded.cases
    }()

    @Test func theCasesAreThere() {
        #expect(Self.cases.count > 30)
    }

    @Test(arguments: cases) func readsLikeTheTrainer(_ item: Case) throws {
        let type = try #require(Hyperparameter.ValueType(rawValue: item.type))
        let parsed = HyperparameterSettings.parse(item.text, as: type)
        switch (parsed, item.value) {
        case (nil, nil): break
        case (.int(let value)?, .number(let expected)?): #expect(Double(value) == expected)
        case (.float(let value)?, .number(let expected)?): #expect(value == expected)
        case (.bool(let value)?, .bool(let expected)?): #expect(value == expected)
        case (.str(let value)?, .text(let expected)?): #expect(value == expected)
        default:
            let expected = item.value.map { "\($0)" } ?? "a rejection"
            Issue.record("\(item): parsed \(String(describing: parsed)), expected \(expected)")
        }
    }
}
