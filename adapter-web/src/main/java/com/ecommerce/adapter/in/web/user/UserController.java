package com.ecommerce.adapter.in.web.user;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration;
import com.ecommerce.adapter.in.web.openapi.ProblemCodes;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.Locations;
import com.ecommerce.application.user.port.in.GetUserUseCase;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.port.in.RegisterUserUseCase;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The user resource itself; its balance and orders are answered by the point and order controllers. */
@RestController
@Tag(name = OpenApiConfiguration.USERS)
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    private final RegisterUserUseCase registerUser;
    private final GetUserUseCase getUser;

    UserController(RegisterUserUseCase registerUser, GetUserUseCase getUser) {
        this.registerUser = registerUser;
        this.getUser = getUser;
    }

    @Operation(operationId = "registerUser", summary = "Create a user")
    @ProblemCodes({ErrorCode.COMMIT_OUTCOME_UNKNOWN})
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.ADMIN)
    public ResponseEntity<UserResponse> register(Actor actor, @Valid @RequestBody RegisterUserRequest request) {
        UserView user = registerUser.register(actor, new RegisterUserCommand(request.name()));
        return ResponseEntity.created(Locations.of("/api/v1/users/{id}", user.userId())).body(UserResponse.of(user));
    }

    /** An extension of API.md: the resource that the Location of a new user names. */
    @Operation(operationId = "getUser", summary = "Read a user")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND})
    @GetMapping("/{userId}")
    @CallableBy(Access.SELF_OR_ADMIN)
    public UserResponse get(Actor actor, @PathVariable long userId) {
        return UserResponse.of(getUser.getUser(actor, userId));
    }
}
